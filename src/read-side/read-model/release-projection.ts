import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';
import { PRESS_RELEASE_UID } from '../../platform/content-model/content-type-uids';
import { bodyImageIds } from '../../platform/content-model/body-images';
import { publicOutputSanitizerOf } from '../public-output';
import { PUBLIC_LOCALIZATION_FIELDS, PUBLIC_RELEASE_RELATIONS, type PublicRelease } from '../public-shape';
import { PUBLIC_RELEASES, publishedVersionSql, visibleFrom } from '../visibility';
import { releaseModifiedAt } from './correction-date';

/**
 * What a published row of press_releases was when it was projected: the start-up check compares it with the row
 * to find the ones written while the model was not kept (an older version of the app, a restore, a manual edit).
 */
export const sourceStampSql = (alias: string): string =>
  `md5(concat_ws('|', ${alias}.updated_at, ${alias}.published_at, ${alias}.embargo_until, ` +
  `${alias}.document_id, ${alias}.locale))`;

/** Documents projected per transaction: a rebuild of 100,000 releases is many of these, a single write one. */
const BATCH_SIZE = 250;

// Reads made to build the model are the model's own, not the public's: the embargo guard on public requests
// (which asks the model) must not apply to them, even when the write came from a content-API request.
const projecting = new AsyncLocalStorage<true>();
export const isProjecting = (): boolean => projecting.getStore() === true;

type Release = Omit<PublicRelease, 'localizations'>;

function rowOf(release: Release) {
  const localization: Record<string, unknown> = { id: release.id, documentId: release.documentId };
  for (const field of PUBLIC_LOCALIZATION_FIELDS) localization[field] = release[field];
  const mediaIds = [release.cover?.id, release.seo?.image?.id, ...bodyImageIds(release.body)].filter(
    (id): id is number => typeof id === 'number',
  );
  return {
    row_id: release.id,
    document_id: release.documentId,
    locale: release.locale,
    slug: release.slug,
    headline: release.headline,
    kicker: release.kicker,
    lead: release.lead,
    body: release.body ?? null,
    published_at: release.publishedAt,
    // Feeds and sitemaps date a release by this column: a correction moves it.
    updated_at: releaseModifiedAt(release).toISOString(),
    visible_from: visibleFrom(release.publishedAt, release.embargoUntil).toISOString(),
    topic_ids: (release.topics ?? []).map((topic) => topic.documentId),
    entity_ids: (release.entities ?? []).map((entity) => entity.documentId),
    source_id: release.source?.documentId ?? null,
    media_ids: mediaIds,
    public_json: JSON.stringify(release),
    localization_json: JSON.stringify(localization),
  };
}

// Search columns are computed by the search migration's SQL functions from the same fields.
const INSERT_SQL = `
  INSERT INTO ${PUBLIC_RELEASES} (row_id, document_id, locale, slug, headline, published_at, updated_at, visible_from,
    topic_ids, entity_ids, source_id, media_ids, public_json, localization_json, body_text, search_document,
    source_stamp)
  SELECT r.row_id, r.document_id, r.locale, r.slug, r.headline, r.published_at, r.updated_at, r.visible_from,
    r.topic_ids, r.entity_ids, r.source_id, r.media_ids, r.public_json, r.localization_json, t.body_text,
    newsroom_release_tsvector(r.locale, r.headline, r.kicker, r.lead, t.body_text), ${sourceStampSql('p')}
  FROM jsonb_to_recordset(?::jsonb) AS r(row_id integer, document_id text, locale text, slug text, headline text,
    kicker text, lead text, body jsonb, published_at timestamptz, updated_at timestamptz, visible_from timestamptz,
    topic_ids text[], entity_ids text[], source_id text, media_ids integer[], public_json text, localization_json text)
  JOIN press_releases p ON p.id = r.row_id
  CROSS JOIN LATERAL (SELECT newsroom_blocks_text(r.body) AS body_text) t`;

/**
 * Writes the read-model rows of these documents anew from their published versions (all locales), through
 * Strapi's document service and the public output sanitiser: the rows hold exactly what Strapi's stock path
 * gives the public role. Runs in the caller's transaction when there is one (a write's, the importer's).
 */
export async function projectReleases(strapi: Core.Strapi, documentIds: Iterable<string>): Promise<void> {
  const ids = [...new Set(documentIds)].sort();
  for (let start = 0; start < ids.length; start += BATCH_SIZE) {
    await projectBatch(strapi, ids.slice(start, start + BATCH_SIZE));
  }
}

async function projectBatch(strapi: Core.Strapi, documentIds: string[]): Promise<void> {
  const sanitize = await publicOutputSanitizerOf(strapi);
  await projecting.run(true, () =>
    strapi.db.transaction(async ({ trx }) => {
      // Two writers projecting the same document wait for each other (ids sorted: no deadlock between batches).
      await trx.raw(
        `SELECT pg_advisory_xact_lock(hashtext('newsroom_public_release:' || id))
         FROM jsonb_array_elements_text(?::jsonb) AS id ORDER BY id`,
        [JSON.stringify(documentIds)],
      );
      await trx(PUBLIC_RELEASES).whereIn('document_id', documentIds).del();
      const locales = (await trx('press_releases')
        .distinct('locale')
        .whereIn('document_id', documentIds)
        .whereRaw(publishedVersionSql('press_releases'))) as { locale: string }[];
      for (const { locale } of locales) {
        const releases = await strapi.documents(PRESS_RELEASE_UID).findMany({
          locale,
          status: 'published',
          filters: { documentId: { $in: documentIds } },
          populate: PUBLIC_RELEASE_RELATIONS as never,
          limit: documentIds.length,
        });
        if (releases.length === 0) continue;
        const rows = releases.map((release) => rowOf(sanitize(release, PRESS_RELEASE_UID) as Release));
        await trx.raw(INSERT_SQL, [JSON.stringify(rows)]);
      }
    }),
  );
}
