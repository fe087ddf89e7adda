import type { Core } from '@strapi/strapi';
import RedisLimiter from 'async-ratelimiter';
import { MemoryWindows, type WindowCount } from './memory-windows';
import { isRateLimitedPath, rateLimitPolicyFrom } from './rate-limit-policy';
import { redisConnectionsFor } from '../../platform/redis/redis-connection';
import { perApp } from '../../platform/app-registry/per-app';

export interface RateLimitContext {
  path: string;
  ip: string;
  status: number;
  body: unknown;
  type: string;
  set(field: string, value: string): void;
}

export type RateLimitMiddleware = (ctx: RateLimitContext, next: () => Promise<unknown>) => Promise<unknown>;

/** The headers the limit sets, per request: never part of a stored answer or of the front door's envelope. */
export const RATE_LIMIT_HEADERS = {
  remaining: 'X-RateLimit-Remaining',
  reset: 'X-RateLimit-Reset',
  limit: 'X-RateLimit-Limit',
  retryAfter: 'Retry-After',
} as const;

/** One request counted against its client's allowance. */
export interface RateLimitCount {
  /** The X-RateLimit-* headers that tell the client where it stands, as name and value pairs. */
  headers: [string, string][];
  /** Over the limit: the seconds until the client may ask again (at least 1). */
  retryAfter?: number;
}

export interface PublicRateLimit {
  /**
   * Counts a request to `path` from the client at `ip`. Undefined when nothing was counted: the path is not limited,
   * the limit is off, or the store failed (the request is then served: fail open, the failure logged once). Counted in
   * memory, the answer is there at once; in Redis, it comes as a promise.
   */
  count(path: string, ip: string): RateLimitCount | undefined | Promise<RateLimitCount | undefined>;
  /** The limit as the Koa middleware (config/middlewares.ts): over it, 429 with Retry-After and Strapi's JSON error. */
  middleware: RateLimitMiddleware;
}

/**
 * A configurable per-client rate limit on the public API, counted in this process's memory, or with REDIS_URL in Redis
 * (async-ratelimiter, the store of koa-ratelimit), so that every instance counts against one allowance. It is not
 * koa-ratelimit's middleware: that copies its options and makes several promises for every request, and the cache's
 * front door needs the count without a Koa context.
 */
export function publicRateLimitOf(strapi: Core.Strapi): PublicRateLimit {
  // One per app: the middleware chain and the cache's front door count every client against the one allowance.
  return perApp(strapi, 'publicRateLimit', () => createPublicRateLimit(strapi));
}

function createPublicRateLimit(strapi: Core.Strapi): PublicRateLimit {
  const policy = rateLimitPolicyFrom();
  const redis = redisConnectionsFor(strapi);
  const shared = redis
    ? new RedisLimiter({
        max: policy.max,
        duration: policy.windowMs,
        namespace: `${redis.settings.prefix}rate-limit`,
        db: redis.shared,
      })
    : undefined;
  const local = new MemoryWindows(policy.max, policy.windowMs);
  let warned = false;

  const told = (counted: WindowCount): RateLimitCount => {
    warned = false;
    // Whole seconds, as clients read X-RateLimit-Reset and Retry-After.
    const reset = Math.ceil(counted.reset);
    const headers: [string, string][] = [
      [RATE_LIMIT_HEADERS.remaining, String(Math.max(0, counted.remaining - 1))],
      [RATE_LIMIT_HEADERS.reset, String(reset)],
      [RATE_LIMIT_HEADERS.limit, String(counted.total)],
    ];
    if (counted.remaining > 0) return { headers };
    return { headers, retryAfter: Math.max(1, Math.ceil(counted.reset - Date.now() / 1000)) };
  };
  const failed = (error: unknown): undefined => {
    // Logged once per outage: the limit works again as soon as its store answers.
    if (!warned) strapi.log.warn(`Rate limiter failed, serving without it: ${(error as Error).message}`);
    warned = true;
    return undefined;
  };

  const count = (path: string, ip: string): RateLimitCount | undefined | Promise<RateLimitCount | undefined> => {
    if (!policy.enabled || !ip || !isRateLimitedPath(path)) return undefined;
    if (!shared) return told(local.count(ip));
    return shared.get({ id: ip }).then(told, failed);
  };

  const middleware: RateLimitMiddleware = async (ctx, next) => {
    const counted = await count(ctx.path, ctx.ip);
    for (const [field, value] of counted?.headers ?? []) ctx.set(field, value);
    if (counted?.retryAfter === undefined) return next();
    ctx.status = 429;
    ctx.set(RATE_LIMIT_HEADERS.retryAfter, String(counted.retryAfter));
    ctx.type = 'application/json';
    ctx.body = {
      data: null,
      error: {
        status: 429,
        name: 'TooManyRequestsError',
        message:
          `Too many requests: at most ${policy.max} every ${policy.windowMs / 1000} s. ` +
          `Retry after ${counted.retryAfter} s.`,
        details: {},
      },
    };
  };

  return { count, middleware };
}
