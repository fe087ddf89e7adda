/** Google News sitemaps: articles of the last two days, at most 1,000. */
export const NEWS_SITEMAP_MAX_URLS = 1000;
export const NEWS_SITEMAP_WINDOW_MS = 2 * 24 * 60 * 60 * 1000;
