import { settings, type Settings } from '../../platform/settings/newsroom-settings';
import { publicRouteOf } from '../../read-side/public-routes';

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

/** The public routes the limit counts (src/read-side/public-routes.ts). */
export function isRateLimitedPath(path: string): boolean {
  return publicRouteOf(path)?.rateLimited === true;
}
