import { PUBLIC_RELEASE_POPULATE, PUBLIC_RELEASE_SORT } from '../public-read-model/public-shape';

/** The populate of every public read through Strapi's own path: the read model's public shape. */
export const PRESS_RELEASE_PUBLIC_POPULATE = PUBLIC_RELEASE_POPULATE;

type Query = Record<string, unknown>;

/** Rewrites a client's query for the public read path: published only, fixed populate, newest first. */
export function publicPressReleaseQuery(query: Query): Query {
  const rewritten: Query = { ...query, status: 'published', populate: PRESS_RELEASE_PUBLIC_POPULATE };
  delete rewritten.publicationFilter;
  delete rewritten.hasPublishedVersion;
  if (rewritten.sort === undefined || rewritten.sort === '') rewritten.sort = PUBLIC_RELEASE_SORT;
  return rewritten;
}
