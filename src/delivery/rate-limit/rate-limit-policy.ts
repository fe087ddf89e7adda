import { settings, type Settings } from '../../platform/settings/newsroom-settings';

/**
 * The public API's rate limit, from env: RATE_LIMIT (on|off), RATE_LIMIT_MAX per RATE_LIMIT_WINDOW_SECONDS per client.
 */
export interface RateLimitPolicy {
  enabled: boolean;
  max: number;
  windowMs: number;
}

export function rateLimitPolicyFrom(values: Settings = settings()): RateLimitPolicy {
  return { enabled: values.RATE_LIMIT, max: values.RATE_LIMIT_MAX, windowMs: values.RATE_LIMIT_WINDOW_SECONDS * 1000 };
}

// The public API, GraphQL, feeds and sitemaps; not the admin panel (Strapi limits its login itself) nor health checks.
const LIMITED_PATHS = [
  /^\/api\/(?!ready$)/,
  /^\/graphql$/,
  /^\/feeds\//,
  /^\/sitemap\.xml$/,
  /^\/sitemaps\//,
  /^\/news-sitemap\.xml$/,
];

export function isRateLimitedPath(path: string): boolean {
  return LIMITED_PATHS.some((pattern) => pattern.test(path));
}
