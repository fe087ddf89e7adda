import type { Core } from '@strapi/strapi';
import { settings } from '../platform/settings/newsroom-settings';

interface KoaLikeContext {
  path: string;
}

/**
 * At most GRAPHQL_CONCURRENCY GraphQL operations are executed at once per instance; the others wait their turn
 * (in order). An operation builds its whole answer in memory, so with 32 or 64 clients in flight V8's heap grew
 * to 750 MB and more, and a heap limit that keeps an instance small could be run out by a few heavy queries.
 * On a CPU-bound server, running more at once gives no more throughput. Placed after the response cache: a
 * cached answer never waits.
 */
export function createGate(limit: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else running += 1;
    try {
      return await work();
    } finally {
      // Hand the slot straight to the next in line (running stays the same), or give it back.
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
}

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const endpoint = String(strapi.config.get('plugin::graphql.endpoint', '/graphql'));
  const gate = createGate(settings().GRAPHQL_CONCURRENCY);
  return (ctx: KoaLikeContext, next: () => Promise<unknown>) => (ctx.path === endpoint ? gate(next) : next());
};
