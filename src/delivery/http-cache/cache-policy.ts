import { createHash } from 'node:crypto';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { settings, type Settings } from '../../platform/settings/newsroom-settings';
import { refusedAsCsrf } from '../../read-side/graphql/graphql-csrf';
import { publicRouteOf } from '../../read-side/public-routes';

/** Which responses are public and cacheable, and for how long (all from env). */
export interface CachePolicy {
  maxAge: number;
  sMaxAge: number;
  staleWhileRevalidate: number;
}

export function cachePolicyFrom(values: Settings = settings()): CachePolicy {
  return {
    maxAge: values.CACHE_MAX_AGE,
    sMaxAge: values.CACHE_S_MAXAGE,
    staleWhileRevalidate: values.CACHE_STALE_WHILE_REVALIDATE,
  };
}

export function cacheControlHeader(policy: CachePolicy): string {
  return (
    `public, max-age=${policy.maxAge}, s-maxage=${policy.sMaxAge}, ` +
    `stale-while-revalidate=${policy.staleWhileRevalidate}`
  );
}

/**
 * Public reads: anonymous GET/HEAD on a public route whose answers are cached (src/read-side/public-routes.ts). A
 * GraphQL GET that Apollo would refuse as a possible CSRF is not one: it goes to Apollo for its 400 even when the same
 * URL is cached, so a client sees one behaviour whatever the cache holds.
 */
export function isPublicRead(
  method: string,
  path: string,
  hasCredentials: boolean,
  header: (field: string) => string,
): boolean {
  return (
    (method === 'GET' || method === 'HEAD') &&
    !hasCredentials &&
    publicRouteOf(path)?.cached === true &&
    !(path === '/graphql' && refusedAsCsrf(header))
  );
}

/** Query texts already parsed: the operation each names (by operation name), to key a repeated POST without parsing. */
const OPERATIONS = new Map<string, Map<string, string | undefined>>();
const OPERATIONS_KEPT = 500;

/** The type of the operation a request runs (query, mutation, subscription), or undefined when it names none. */
function operationType(query: string, operationName: string | undefined): string | undefined {
  let byName = OPERATIONS.get(query);
  if (!byName) {
    byName = new Map();
    let operations: OperationDefinitionNode[] = [];
    try {
      operations = parse(query).definitions.filter(
        (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
      );
    } catch {
      // Apollo answers the syntax error; nothing to keep
    }
    for (const operation of operations) byName.set(operation.name?.value ?? '', operation.operation);
    if (operations.length === 1) byName.set('', operations[0].operation);
    else byName.delete('');
    if (OPERATIONS.size >= OPERATIONS_KEPT) OPERATIONS.delete(OPERATIONS.keys().next().value as string);
    OPERATIONS.set(query, byName);
  }
  return byName.get(operationName ?? '');
}

/**
 * The response-cache key of an anonymous GraphQL POST that is one query operation (never a mutation, never a batch):
 * the same query text, variables and operation name get the same answer until the content changes, as a GET does.
 * Undefined when the request is not such a query (its answer is then neither stored nor served from the cache).
 */
export function graphqlQueryCacheKey(
  method: string,
  path: string,
  hasCredentials: boolean,
  body: unknown,
): string | undefined {
  if (method !== 'POST' || path !== '/graphql' || hasCredentials || typeof body !== 'object' || body === null)
    return undefined;
  if (Array.isArray(body)) return undefined;
  const { query, variables, operationName } = body as Record<string, unknown>;
  if (typeof query !== 'string') return undefined;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return undefined;
  if (operationType(query, operationName || undefined) !== 'query') return undefined;
  const digest = createHash('sha256')
    .update(JSON.stringify([query, variables ?? null, operationName ?? null]))
    .digest('base64url');
  return `POST ${path} ${digest}`;
}
