import type { Core } from '@strapi/strapi';
import { redisConnectionsFor } from '../../platform/redis/redis-connection';
import { responseCacheSettingsFrom, type PublicResponseCache } from './public-response-cache';
import { RedisResponseCache } from './redis-response-cache';
import { ResponseCache } from './response-cache';
import { perApp } from '../../platform/app-registry/per-app';

/**
 * One response cache per app instance (tests start several in one process): shared through Redis when REDIS_URL is set.
 */
export function responseCacheFor(strapi: Core.Strapi): PublicResponseCache {
  return perApp(strapi, 'responseCache', () => createResponseCache(strapi));
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
