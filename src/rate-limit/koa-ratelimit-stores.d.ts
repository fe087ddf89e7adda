// koa-ratelimit's Redis store (async-ratelimiter; its middleware is not used: see public-rate-limit.ts); its types
// cover only the middleware.
declare module 'koa-ratelimit/limiter/redis' {
  export default class RedisLimiter {
    constructor(options: { db: unknown; max: number; duration: number; namespace: string });
    /** Requests left in the window before this one, when it ends (Unix seconds, rounded down), and the maximum. */
    get(options: { id: string }): Promise<{ remaining: number; reset: number; total: number }>;
  }
}
