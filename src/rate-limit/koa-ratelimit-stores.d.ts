// koa-ratelimit's two stores (its own middleware is not used: see public-rate-limit.ts); its types cover only the
// middleware.
interface RateLimitStoreCount {
  /** Requests left in the window before this one. */
  remaining: number;
  /** When the window ends: Unix seconds (memory) or milliseconds (Redis). */
  reset: number;
  total: number;
}

declare module 'koa-ratelimit/limiter/memory' {
  export default class MemoryLimiter {
    constructor(options: { id: string; db: Map<string, unknown>; max: number; duration: number; namespace: string });
    get(): Promise<RateLimitStoreCount>;
  }
}

declare module 'koa-ratelimit/limiter/redis' {
  export default class RedisLimiter {
    constructor(options: { db: unknown; max: number; duration: number; namespace: string });
    get(options: { id: string }): Promise<RateLimitStoreCount>;
  }
}
