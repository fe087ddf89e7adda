/** The public API's rate limit, from env: RATE_LIMIT (on|off), RATE_LIMIT_MAX per RATE_LIMIT_WINDOW_SECONDS per client. */
export interface RateLimitPolicy {
  enabled: boolean;
  max: number;
  windowMs: number;
}

export function rateLimitPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): RateLimitPolicy {
  const positive = (name: string, fallback: number) => {
    const value = Number(env[name] ?? fallback);
    return Number.isInteger(value) && value > 0 ? value : fallback;
  };
  return {
    enabled: env.RATE_LIMIT !== 'off',
    max: positive('RATE_LIMIT_MAX', 600),
    windowMs: positive('RATE_LIMIT_WINDOW_SECONDS', 60) * 1000,
  };
}

// The public API, GraphQL, feeds and sitemaps; not the admin panel (Strapi limits its login itself) nor health checks.
const LIMITED_PATHS = [/^\/api\/(?!ready$)/, /^\/graphql$/, /^\/feeds\//, /^\/sitemap\.xml$/, /^\/news-sitemap\.xml$/];

export function isRateLimitedPath(path: string): boolean {
  return LIMITED_PATHS.some((pattern) => pattern.test(path));
}
