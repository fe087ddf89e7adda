import type { IncomingMessage } from 'node:http';
import type { Core } from '@strapi/strapi';
import coBody from 'co-body';

interface KoaLikeContext {
  path: string;
  method: string;
  req: IncomingMessage;
  request: { body?: unknown };
  is(type: string): string | false | null;
  status: number;
  body: unknown;
}

const GRAPHQL_BODY_LIMIT = '256kb';

/**
 * Strapi's body parser skips the GraphQL endpoint and Apollo parses its own; the JSON body of a GraphQL POST is
 * read here instead, before the response cache (which keys an anonymous query by it) and the published-only
 * guard. Apollo then sees a parsed body and leaves it as it is.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const endpoint = String(strapi.config.get('plugin::graphql.endpoint', '/graphql'));
  return async (ctx: KoaLikeContext, next: () => Promise<unknown>) => {
    if (ctx.path !== endpoint || ctx.method !== 'POST' || ctx.request.body !== undefined || !ctx.is('application/json'))
      return next();
    try {
      ctx.request.body = await coBody.json(ctx.req, { limit: GRAPHQL_BODY_LIMIT, strict: true });
    } catch (error) {
      const tooLarge = (error as { status?: number }).status === 413;
      ctx.status = tooLarge ? 413 : 400;
      ctx.body = {
        data: null,
        errors: [
          {
            message: tooLarge ? 'Request body too large.' : 'The request body is not valid JSON.',
            extensions: { code: 'BAD_REQUEST' },
          },
        ],
      };
      return undefined;
    }
    return next();
  };
};
