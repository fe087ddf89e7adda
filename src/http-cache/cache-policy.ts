/** Which responses are public and cacheable, and for how long (all from env). */
export interface CachePolicy {
  maxAge: number;
  sMaxAge: number;
  staleWhileRevalidate: number;
}

export function cachePolicyFromEnv(env: NodeJS.ProcessEnv = process.env): CachePolicy {
  const seconds = (name: string, fallback: number) => {
    const value = Number(env[name] ?? fallback);
    return Number.isInteger(value) && value >= 0 ? value : fallback;
  };
  return {
    maxAge: seconds('CACHE_MAX_AGE', 30),
    sMaxAge: seconds('CACHE_S_MAXAGE', 60),
    staleWhileRevalidate: seconds('CACHE_STALE_WHILE_REVALIDATE', 30),
  };
}

export function cacheControlHeader(policy: CachePolicy): string {
  return `public, max-age=${policy.maxAge}, s-maxage=${policy.sMaxAge}, stale-while-revalidate=${policy.staleWhileRevalidate}`;
}

const PUBLIC_PATHS = [/^\/api\/(?!preview\/)/, /^\/feeds\//, /^\/sitemap\.xml$/, /^\/news-sitemap\.xml$/, /^\/graphql$/];

/** Public reads: anonymous GET/HEAD on the public API, feeds and sitemaps (never previews). */
export function isPublicRead(method: string, path: string, hasCredentials: boolean): boolean {
  return (method === 'GET' || method === 'HEAD') && !hasCredentials && PUBLIC_PATHS.some((pattern) => pattern.test(path));
}
