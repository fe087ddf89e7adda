import type { Core, Modules } from '@strapi/strapi';
import { isWrite } from '../../platform/content-model/document-writes';
import type { PublicResponseCache } from './public-response-cache';

/**
 * Any write to our content (releases, topics, entities, sources) empties the public response cache; the
 * write returns once the clear has reached every instance (or failed: the shared cache then serves nothing).
 * A write made inside a caller's transaction (the admin panel's publish and unpublish, the importer) becomes
 * visible only when that transaction commits, so the cache is emptied again then: a read in between may have
 * kept what was there before.
 */
export function clearResponseCacheOnWrite(
  strapi: Core.Strapi,
  cache: PublicResponseCache,
): Modules.Documents.Middleware.Middleware {
  return async (context, next) => {
    const result = await next();
    if (!context.uid.startsWith('api::') || !isWrite(context.action)) return result;
    await cache.clear();
    if (strapi.db.inTransaction()) {
      await strapi.db.transaction(async ({ onCommit }) => onCommit(() => void cache.clear()));
    }
    return result;
  };
}
