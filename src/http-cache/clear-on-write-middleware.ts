import type { Modules } from '@strapi/strapi';
import type { PublicResponseCache } from './public-response-cache';

const WRITES = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft']);

/**
 * Any write to our content (releases, topics, entities, sources) empties the public response cache; the
 * write returns once the clear has reached every instance (or failed: the shared cache then serves nothing).
 */
export function clearResponseCacheOnWrite(cache: PublicResponseCache): Modules.Documents.Middleware.Middleware {
  return async (context, next) => {
    const result = await next();
    if (context.uid.startsWith('api::') && WRITES.has(context.action)) await cache.clear();
    return result;
  };
}
