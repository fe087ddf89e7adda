import { PUBLIC_RELEASE_POPULATE, PUBLIC_RELEASE_SORT } from '../public-shape';

type Query = Record<string, unknown>;

/** Rewrites a client's query for Strapi's public read path: published only, the public shape, newest first. */
export function publicPressReleaseQuery(query: Query): Query {
  const rewritten: Query = { ...query, status: 'published', populate: PUBLIC_RELEASE_POPULATE };
  delete rewritten.publicationFilter;
  delete rewritten.hasPublishedVersion;
  if (rewritten.sort === undefined || rewritten.sort === '') rewritten.sort = PUBLIC_RELEASE_SORT;
  return rewritten;
}
