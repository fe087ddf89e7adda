import { Kind, parse, visit, type DocumentNode, type ValueNode, type VariableDefinitionNode } from 'graphql';

/** Arguments through which a GraphQL client could select unpublished versions. */
const VERSION_SELECTORS = new Set(['status', 'publicationFilter', 'hasPublishedVersion']);

export interface GraphqlRequest {
  query?: unknown;
  variables?: unknown;
}

function literalOf(
  value: ValueNode | undefined,
  variables: Record<string, unknown>,
  defaults: Map<string, ValueNode>,
): unknown {
  if (!value) return undefined;
  switch (value.kind) {
    case Kind.VARIABLE: {
      const name = value.name.value;
      return name in variables ? variables[name] : literalOf(defaults.get(name), variables, defaults);
    }
    case Kind.ENUM:
    case Kind.STRING:
      return value.value;
    case Kind.BOOLEAN:
      return value.value;
    case Kind.NULL:
      return null;
    default:
      return value;
  }
}

/**
 * Returns a message when the GraphQL document asks for anything but published versions, else null.
 * `status: PUBLISHED` (the default) is allowed; other statuses and the publication filters are not.
 * Subscriptions are refused too: the schema has none.
 * Unparsable documents return null: Apollo reports syntax errors itself.
 */
export function draftSelectorIn(request: GraphqlRequest): string | null {
  if (typeof request.query !== 'string') return null;
  let document: DocumentNode;
  try {
    document = parse(request.query, { noLocation: true, maxTokens: 20_000 });
  } catch {
    return null;
  }
  const variables =
    typeof request.variables === 'object' && request.variables !== null
      ? (request.variables as Record<string, unknown>)
      : {};
  const defaults = new Map<string, ValueNode>();
  visit(document, {
    VariableDefinition(node: VariableDefinitionNode) {
      if (node.defaultValue) defaults.set(node.variable.name.value, node.defaultValue);
    },
  });

  let violation: string | null = null;
  visit(document, {
    OperationDefinition(node) {
      // Apollo would answer a subscription with an internal error: this schema has none.
      if (!violation && node.operation === 'subscription') violation = 'This GraphQL API has no subscriptions.';
    },
    Argument(node) {
      const name = node.name.value;
      if (violation || !VERSION_SELECTORS.has(name)) return;
      const value = literalOf(node.value, variables, defaults);
      if (
        name === 'status' &&
        (value === 'PUBLISHED' || value === 'published' || value === null || value === undefined)
      )
        return;
      violation =
        name === 'status'
          ? 'The public GraphQL API serves published content only: the "status" argument accepts only PUBLISHED.'
          : `The public GraphQL API serves published content only: the "${name}" argument is not available.`;
    },
  });
  return violation;
}
