import type { Core } from '@strapi/strapi';

/** Copies the published rows of the given documents (all locales) into press_release_search. */
const REFRESH_SQL = `
  INSERT INTO press_release_search (row_id, document_id, locale, published_at, embargo_until, body_text, document)
  SELECT p.id, p.document_id, p.locale, p.published_at, p.embargo_until, t.body_text,
         newsroom_release_tsvector(p.locale, p.headline, p.kicker, p.lead, t.body_text)
  FROM press_releases p
  CROSS JOIN LATERAL (SELECT newsroom_blocks_text(p.body::jsonb) AS body_text) t
  WHERE p.published_at IS NOT NULL`;

/**
 * Re-indexes one document: drops its rows and copies its published rows again, inside the write's own
 * transaction when there is one (the importer's), so that it sees rows not yet committed; else in one of its own.
 */
export async function refreshSearchRows(strapi: Core.Strapi, documentId: string): Promise<void> {
  await strapi.db.transaction(async ({ trx }) => {
    await trx.raw('DELETE FROM press_release_search WHERE document_id = ?', [documentId]);
    await trx.raw(`${REFRESH_SQL} AND p.document_id = ?`, [documentId]);
  });
}

const STALENESS_SQL = `
  SELECT (SELECT count(*) FROM press_releases WHERE published_at IS NOT NULL) AS published,
         (SELECT count(*) FROM press_release_search) AS indexed,
         (SELECT count(*) FROM press_release_search s
            LEFT JOIN press_releases p ON p.id = s.row_id AND p.published_at IS NOT NULL
            WHERE p.id IS NULL OR s.embargo_until IS DISTINCT FROM p.embargo_until) AS orphaned`;

/** True when press_release_search is out of step with the published releases (rows missing, orphaned or stale). */
async function searchIndexIsStale(knex: { raw(sql: string): Promise<unknown> }): Promise<boolean> {
  const result = (await knex.raw(STALENESS_SQL)) as { rows: { published: string; indexed: string; orphaned: string }[] };
  const row = result.rows[0];
  return !(row.published === row.indexed && row.orphaned === '0');
}

/** Rebuilds the whole index (start-up, when it is out of step with press_releases, e.g. after a restore or a new column). */
export async function rebuildSearchIndexIfStale(strapi: Core.Strapi): Promise<boolean> {
  if (!(await searchIndexIsStale(strapi.db.connection))) return false;
  return strapi.db.transaction(async ({ trx }) => {
    // Instances starting together (a rolling deploy) rebuild one after the other, not into each other's
    // rows; the one that waited finds the index in step and leaves it.
    await trx.raw('LOCK TABLE press_release_search IN EXCLUSIVE MODE');
    if (!(await searchIndexIsStale(trx))) return false;
    await trx.raw('DELETE FROM press_release_search');
    await trx.raw(REFRESH_SQL);
    return true;
  });
}
