'use strict';

/* global strapi -- the app being loaded: Strapi runs its migrations with it in scope */

/**
 * Indexes for the public read path, on the queries Strapi actually issues (captured in
 * tests/api/list-query-plan.test.ts, which checks the plans):
 *
 * - the list: published rows of one locale, newest first (src/read-side/read-model/press-release-public-query.ts:
 *   sort publishedAt:desc, id:desc), LIMIT page size; plus its count for the pagination meta. The index
 *   carries embargo_until so the count and the embargo filter need no heap visit for visible pages.
 * - one release by slug: slug + locale + published (and the per-locale slug uniqueness check on writes).
 * - the next embargo end the response cache asks for on every fill: published rows with an embargo.
 *
 * Relations need nothing more: Strapi already indexes every link table on both ends
 * (press_releases_*_lnk_fk / _ifk) and press_releases on (document_id, locale, published_at), which the
 * populated topics, entities, source and localizations use.
 *
 * Strapi runs user migrations before its schema sync creates its tables (strapi/strapi#24070), so on a new
 * database press_releases does not exist yet here: the indexes are then created right after that first
 * sync, through Strapi's own afterSync hook. The schema sync leaves indexes it did not create alone.
 */
const INDEXES = [
  {
    table: 'press_releases',
    name: 'press_releases_published_list_idx',
    create: `CREATE INDEX IF NOT EXISTS press_releases_published_list_idx ON press_releases
               (locale, published_at DESC, id DESC) INCLUDE (embargo_until) WHERE published_at IS NOT NULL`,
  },
  {
    table: 'press_releases',
    name: 'press_releases_locale_slug_idx',
    create: 'CREATE INDEX IF NOT EXISTS press_releases_locale_slug_idx ON press_releases (locale, slug)',
  },
  {
    table: 'press_releases',
    name: 'press_releases_published_embargo_idx',
    create: `CREATE INDEX IF NOT EXISTS press_releases_published_embargo_idx ON press_releases (embargo_until)
               WHERE published_at IS NOT NULL AND embargo_until IS NOT NULL`,
  },
];

async function createIndexes(knex, indexes) {
  for (const index of indexes) await knex.raw(index.create);
}

module.exports = {
  INDEXES,

  async up(knex) {
    const now = [];
    const later = [];
    for (const index of INDEXES) ((await knex.schema.hasTable(index.table)) ? now : later).push(index);
    await createIndexes(knex, now);
    if (later.length === 0) return;
    // A new database: `strapi` is the app being loaded, whose afterSync hook runs once its tables exist.
    strapi.hook('strapi::content-types.afterSync').register(() => createIndexes(strapi.db.connection, later));
  },

  async down(knex) {
    for (const index of INDEXES) await knex.raw(`DROP INDEX IF EXISTS ${index.name}`);
  },
};
