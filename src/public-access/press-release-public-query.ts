/**
 * What one public request for a press release returns, decided here rather than by the client
 * (as in strapi/LaunchPad): one request gives the release with everything a page needs, and no client
 * can ask for more depth, other relations or another publication status.
 */
export const PRESS_RELEASE_PUBLIC_POPULATE = {
  source: { fields: ['name', 'shortName', 'url'] },
  topics: { fields: ['name', 'slug', 'locale'] },
  entities: { fields: ['name', 'kind', 'uri', 'locale'] },
  cover: true,
  seo: { populate: { image: true } },
  localizations: { fields: ['locale', 'slug', 'headline'] },
} as const;

export const PRESS_RELEASE_DEFAULT_SORT = ['publishedAt:desc', 'id:desc'];

type Query = Record<string, unknown>;

/** Rewrites a client's query for the public read path: published only, fixed populate, newest first. */
export function publicPressReleaseQuery(query: Query): Query {
  const rewritten: Query = { ...query, status: 'published', populate: PRESS_RELEASE_PUBLIC_POPULATE };
  delete rewritten.publicationFilter;
  delete rewritten.hasPublishedVersion;
  if (rewritten.sort === undefined || rewritten.sort === '') rewritten.sort = PRESS_RELEASE_DEFAULT_SORT;
  return rewritten;
}
