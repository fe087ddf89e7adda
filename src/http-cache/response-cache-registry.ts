import type { Core } from '@strapi/strapi';
import { ResponseCache, responseCacheSettingsFromEnv } from './response-cache';

// Kept on the app instance under a registry symbol, so that every copy of this module (the compiled app
// and, in tests, the TypeScript source) reaches the same cache.
const CACHE = Symbol.for('newsroom.responseCache');

/** One response cache per app instance (tests start several in one process). */
export function responseCacheFor(strapi: Core.Strapi): ResponseCache {
  const holder = strapi as unknown as { [CACHE]?: ResponseCache };
  holder[CACHE] ??= new ResponseCache(responseCacheSettingsFromEnv());
  return holder[CACHE];
}

/** When the next embargo on a published release ends (ms since epoch), or null when none is pending. */
export async function nextEmbargoEnd(strapi: Core.Strapi): Promise<number | null> {
  const result = await strapi.db.connection.raw(
    'SELECT extract(epoch FROM min(embargo_until)) * 1000 AS next FROM press_releases WHERE published_at IS NOT NULL AND embargo_until > now()',
  );
  const next = (result.rows[0] as { next: string | null }).next;
  return next === null ? null : Number(next);
}
