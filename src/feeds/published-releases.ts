import type { Core } from '@strapi/strapi';
import { notEmbargoedFilter } from '../embargo/embargo-filter';
import { PRESS_RELEASE_UID } from '../newsroom-setup/content-type-uids';

export interface PublishedRelease {
  documentId: string;
  locale: string;
  slug: string;
  kicker: string | null;
  headline: string;
  lead: string | null;
  body: unknown;
  dateline: string | null;
  issuedAt: string | null;
  publishedAt: string;
  updatedAt: string;
  createdAt: string;
  source: { name: string; shortName: string; url: string | null } | null;
  topics: { name: string; slug: string | null }[];
  entities: { name: string; kind: string; uri: string | null }[];
  cover: { url: string; alternativeText: string | null } | null;
  localizations: { locale: string; slug: string; headline: string }[];
}

export const RELEASE_POPULATE = {
  source: { fields: ['name', 'shortName', 'url'] },
  topics: { fields: ['name', 'slug'] },
  entities: { fields: ['name', 'kind', 'uri'] },
  cover: { fields: ['url', 'alternativeText'] },
  localizations: { fields: ['locale', 'slug', 'headline'] },
} as const;

/** The newest published releases in a locale (what feeds carry). */
export async function latestPublishedReleases(strapi: Core.Strapi, locale: string, limit: number): Promise<PublishedRelease[]> {
  const releases = await strapi.documents(PRESS_RELEASE_UID).findMany({
    locale,
    status: 'published',
    sort: ['publishedAt:desc', 'id:desc'],
    limit,
    populate: RELEASE_POPULATE as never,
  });
  return releases as unknown as PublishedRelease[];
}

/** One published release in one locale, or null. */
export async function publishedRelease(strapi: Core.Strapi, documentId: string, locale: string): Promise<PublishedRelease | null> {
  const release = await strapi.documents(PRESS_RELEASE_UID).findOne({
    documentId,
    locale,
    status: 'published',
    populate: RELEASE_POPULATE as never,
  });
  return (release as unknown as PublishedRelease | null) ?? null;
}

/** Locales in which a document is published. */
export async function publishedLocales(strapi: Core.Strapi, documentId: string): Promise<string[]> {
  const rows = (await strapi.db.query(PRESS_RELEASE_UID).findMany({
    select: ['locale'],
    where: { documentId, publishedAt: { $notNull: true }, ...notEmbargoedFilter() },
  })) as { locale: string }[];
  return rows.map((row) => row.locale);
}
