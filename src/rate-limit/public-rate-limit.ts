import type { Core } from '@strapi/strapi';
import ratelimit from 'koa-ratelimit';
import { isRateLimitedPath, rateLimitPolicyFrom } from './rate-limit-policy';
import { redisConnectionsFor } from '../redis/redis-connection';

export interface RateLimitContext {
  path: string;
  ip: string;
  status: number;
  body: unknown;
  type: string;
  state: Record<string, unknown>;
  set(field: string, value: string): void;
  response: { get(field: string): string };
}

export type RateLimitMiddleware = (ctx: RateLimitContext, next: () => Promise<unknown>) => Promise<unknown>;

// Kept on the app instance under a registry symbol: the middleware chain and the cache's front door
// (src/http-cache/cache-front-door.ts) count every client against the one allowance.
const RATE_LIMIT = Symbol.for('newsroom.publicRateLimit');

/**
 * A configurable per-client rate limit on the public API (koa-ratelimit: in memory, or in Redis with
 * REDIS_URL, so that every instance counts against one allowance): over the limit a client
 * gets 429 with Retry-After and a JSON error in Strapi's shape. If the limiter itself fails, the request is
 * served (fail open) and the failure logged once.
 */
export function publicRateLimitOf(strapi: Core.Strapi): RateLimitMiddleware {
  const holder = strapi as unknown as { [RATE_LIMIT]?: RateLimitMiddleware };
  holder[RATE_LIMIT] ??= createPublicRateLimit(strapi);
  return holder[RATE_LIMIT];
}

function createPublicRateLimit(strapi: Core.Strapi): RateLimitMiddleware {
  const policy = rateLimitPolicyFrom();
  if (!policy.enabled) return async (_ctx: RateLimitContext, next: () => Promise<unknown>) => next();

  const redis = redisConnectionsFor(strapi);
  const limiter = ratelimit({
    ...(redis ? { driver: 'redis' as const, db: redis.shared } : { driver: 'memory' as const, db: new Map() }),
    duration: policy.windowMs,
    max: policy.max,
    id: (ctx) => ctx.ip,
    namespace: `${redis?.settings.prefix ?? 'newsroom:'}rate-limit`,
  });
  let warned = false;

  return async (ctx: RateLimitContext, next: () => Promise<unknown>) => {
    if (!isRateLimitedPath(ctx.path)) return next();
    let passedOn = false;
    const passOn = async () => {
      passedOn = true;
      await next();
    };
    try {
      await limiter(ctx as never, passOn);
    } catch (error) {
      if (passedOn) throw error; // an error from the app itself, not from the limiter
      // Logged once per outage: the limiter works again as soon as its store answers.
      if (!warned) strapi.log.warn(`Rate limiter failed, serving without it: ${(error as Error).message}`);
      warned = true;
      return next();
    }
    warned = false;
    if (!passedOn && ctx.status === 429) {
      const retryAfter = Number(ctx.response.get('Retry-After')) || 1;
      ctx.set('Retry-After', String(Math.max(1, retryAfter)));
      ctx.type = 'application/json';
      ctx.body = {
        data: null,
        error: {
          status: 429,
          name: 'TooManyRequestsError',
          message:
            `Too many requests: at most ${policy.max} every ${policy.windowMs / 1000} s. ` +
            `Retry after ${Math.max(1, retryAfter)} s.`,
          details: {},
        },
      };
    }
  };
}
