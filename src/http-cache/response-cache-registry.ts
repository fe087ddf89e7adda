import type { Core } from '@strapi/strapi';
import { redisConnectionsFor } from '../redis/redis-connection';
import { responseCacheSettingsFrom, type PublicResponseCache } from './public-response-cache';
import { RedisResponseCache } from './redis-response-cache';
import { ResponseCache } from './response-cache';

// Kept on the app instance under a registry symbol, so that every copy of this module (the compiled app
// and, in tests, the TypeScript source) reaches the same cache.
const CACHE = Symbol.for('newsroom.responseCache');

/**
 * One response cache per app instance (tests start several in one process): shared through Redis when REDIS_URL is set.
 */
export function responseCacheFor(strapi: Core.Strapi): PublicResponseCache {
  const holder = strapi as unknown as { [CACHE]?: PublicResponseCache };
  holder[CACHE] ??= createResponseCache(strapi);
  return holder[CACHE];
}

function createResponseCache(strapi: Core.Strapi): PublicResponseCache {
  const settings = responseCacheSettingsFrom();
  const redis = settings.enabled ? redisConnectionsFor(strapi) : null;
  if (!redis) return new ResponseCache(settings);
  return new RedisResponseCache({
    client: redis.shared,
    subscriber: redis.open('response-cache-subscriber'),
    prefix: redis.settings.prefix,
    settings,
    log: strapi.log,
  });
}
