import type { Core } from '@strapi/strapi';
import { draftSelectorIn, type GraphqlRequest } from '../read-side/graphql/graphql-draft-selectors';

interface KoaLikeContext {
  path: string;
  method: string;
  query: Record<string, unknown>;
  request: { body?: unknown };
  status: number;
  body: unknown;
}

function parseVariables(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

function graphqlRequests(ctx: KoaLikeContext): GraphqlRequest[] {
  if (ctx.method === 'GET') return [{ query: ctx.query.query, variables: parseVariables(ctx.query.variables) }];
  const body = ctx.request.body;
  const list = Array.isArray(body) ? body : [body];
  return list
    .filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null)
    .map((item) => ({ query: item.query, variables: parseVariables(item.variables) }));
}

/** A NUL character (raw, or as a GraphQL/JSON \u0000 escape): no field holds one and PostgreSQL refuses it. */
function nulCharacterIn(request: GraphqlRequest): string | null {
  const text = `${typeof request.query === 'string' ? request.query : ''}${JSON.stringify(request.variables ?? null)}`;
  // eslint-disable-next-line no-control-regex -- control characters are what this refuses
  return /\u0000|\\u0000/i.test(text)
    ? 'The request contains a NUL character (\\u0000), which no field can hold.'
    : null;
}

/**
 * Stock Strapi 5.54 returns drafts to any GraphQL client allowed to read (`status: DRAFT`). Before Apollo
 * sees the request, this refuses any operation that selects a version other than the published one.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const endpoint = String(strapi.config.get('plugin::graphql.endpoint', '/graphql'));
  return async (ctx: KoaLikeContext, next: () => Promise<unknown>) => {
    if (ctx.path !== endpoint) return next();
    // The JSON body of a POST has been read by global::graphql-body.
    for (const request of graphqlRequests(ctx)) {
      const violation = draftSelectorIn(request) ?? nulCharacterIn(request);
      if (violation) {
        ctx.status = 400;
        ctx.body = { data: null, errors: [{ message: violation, extensions: { code: 'BAD_USER_INPUT' } }] };
        return undefined;
      }
    }
    return next();
  };
};
