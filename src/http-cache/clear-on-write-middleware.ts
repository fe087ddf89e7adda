import type { Modules } from '@strapi/strapi';
import type { ResponseCache } from './response-cache';

const WRITES = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft']);

/** Any write to our content (releases, topics, entities, sources) empties the public response cache. */
export function clearResponseCacheOnWrite(cache: ResponseCache): Modules.Documents.Middleware.Middleware {
  return async (context, next) => {
    const result = await next();
    if (context.uid.startsWith('api::') && WRITES.has(context.action)) cache.clear();
    return result;
  };
}
