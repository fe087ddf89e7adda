import type { ServerResponse } from 'node:http';
import type { Core } from '@strapi/strapi';

interface SecurityContext {
  method: string;
  path: string;
  res: ServerResponse;
}
type Middleware = (ctx: SecurityContext, next: () => Promise<unknown>) => Promise<unknown>;
type MiddlewareFactory = (config: unknown, context: { strapi: Core.Strapi }) => Middleware;

/** What Strapi's security middleware did to a response before passing it on: headers set, headers removed. */
interface HeaderEffect {
  set: [string, number | string | readonly string[]][];
  removed: string[];
}

/**
 * Strapi's security headers (`strapi::security`: helmet with Strapi's defaults and our configuration) at the cost of
 * setting a few headers. Strapi's middleware merges its configuration and builds a new helmet instance on every request
 * (about 70 µs, a third of a 304's CPU), yet what it sets depends only on the request's method and on which of its
 * special path prefixes the path starts with (the GraphQL endpoint, /documentation, the admin panel), all else being
 * fixed at start. So Strapi's middleware still decides: it runs once per kind of request, and what it set is replayed
 * for the next requests of that kind.
 */
function withHeadersReplayed(strapiSecurity: MiddlewareFactory): MiddlewareFactory {
  return (config, { strapi }) => {
    const middleware = strapiSecurity(config, { strapi });
    const prefixes = [
      String(strapi.plugin('graphql')?.config('endpoint') ?? '/graphql'),
      '/documentation',
      String(strapi.config.get('admin.path', '/admin')),
    ];
    const effects = new Map<string, HeaderEffect>();

    return async (ctx, next) => {
      const kind = `${ctx.method} ${prefixes.map((prefix) => (ctx.path.startsWith(prefix) ? 1 : 0)).join('')}`;
      const effect = effects.get(kind);
      if (effect) {
        for (const name of effect.removed) ctx.res.removeHeader(name);
        for (const [name, value] of effect.set) ctx.res.setHeader(name, value);
        return next();
      }
      const before = ctx.res.getHeaders();
      return middleware(ctx, () => {
        const after = ctx.res.getHeaders();
        effects.set(kind, {
          set: Object.entries(after)
            .filter(([name, value]) => value !== undefined && before[name] !== value)
            .map(([name, value]) => [name, value as number | string | readonly string[]]),
          removed: Object.keys(before).filter((name) => !(name in after)),
        });
        return next();
      });
    };
  };
}

/** Wraps `strapi::security` in the middleware registry (its configuration in config/middlewares.ts is unchanged). */
export function replaySecurityHeaders(strapi: Core.Strapi): void {
  (
    strapi.get('middlewares') as { extend(uid: string, wrap: (factory: MiddlewareFactory) => MiddlewareFactory): void }
  ).extend('strapi::security', withHeadersReplayed);
}
