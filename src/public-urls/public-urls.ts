/**
 * Where the public website lives (PUBLIC_URL) and the URL of a release on it. Feeds, sitemaps, JSON-LD and
 * ninjs all link there; this app's own reader page serves the same paths when PUBLIC_URL points at it.
 */
export function publicSiteUrl(env: NodeJS.ProcessEnv = process.env): string {
  return (env.PUBLIC_URL || `http://localhost:${env.PORT || 1337}`).replace(/\/+$/, '');
}

export function releaseUrl(siteUrl: string, locale: string, slug: string): string {
  return `${siteUrl}/${encodeURIComponent(locale)}/press-releases/${encodeURIComponent(slug)}`;
}

export function publicationName(env: NodeJS.ProcessEnv = process.env): string {
  return env.PUBLICATION_NAME || 'Newsroom';
}
