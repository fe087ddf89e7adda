import type { Core } from '@strapi/strapi';
import { perApp } from '../../platform/app-registry/per-app';
import { signedMediaUrls } from './signed-media-urls';
import type { PublicRelease } from '../public-shape';
import {
  type Audience,
  notYetVisibleSql,
  PUBLIC_AUDIENCE,
  PUBLIC_RELEASE_TOTALS,
  PUBLIC_RELEASES,
  publicNow,
  visibleSql,
} from '../visibility';

/**
 * The read side of the public read model: every public channel (REST, feeds, sitemaps, search, related, JSON-LD,
 * ninjs, the reader page, the response cache's timer, the guard on Strapi's own path) asks here. Media URLs are
 * stored unsigned and signed here when the files are in a private bucket (signed-media-urls.ts).
 */

const T = PUBLIC_RELEASES;

/** The release's other locales visible now, as its `localizations` (clock-dependent, so joined at read time). */
const localizationsSql = (alias: string, audience: Audience) =>
  `'[' || coalesce((SELECT string_agg(l.localization_json, ',' ORDER BY l.row_id) FROM ${T} l
     WHERE l.document_id = ${alias}.document_id AND l.row_id <> ${alias}.row_id AND ${visibleSql('l', audience)}), '')
     || ']'`;

/** A row's public JSON with the localizations the audience sees, as text (`extra`: more fields, `,"name":value`). */
export const releaseJsonSql = (alias: string, audience: Audience = PUBLIC_AUDIENCE, extra?: string) =>
  `left(${alias}.public_json, -1) || ',"localizations":' || ${localizationsSql(alias, audience)} ||` +
  `${extra ? ` ${extra} ||` : ''} '}'`;

export const ORDER = (alias: string) => `${alias}.published_at DESC, ${alias}.row_id DESC`;
/** Oldest first: the numbering of the release sitemap files, stable as releases are added. */
const SITEMAP_ORDER = (alias: string) => `${alias}.published_at, ${alias}.row_id`;

// PostgreSQL hands the JSON over as UTF-8 bytes (bytea), and the response is those bytes with a frame around
// them: no decoding of mostly Cyrillic text into a string and encoding it back for the socket.
const DATA_OPEN = Buffer.from('{"data":');

/** A locale's visible releases: the trigger-kept count of its rows, less those whose moment has not come. */
const VISIBLE_TOTAL = `greatest(0,
      coalesce((SELECT t.releases FROM ${PUBLIC_RELEASE_TOTALS} t WHERE t.locale = :locale), 0)
      - (SELECT count(*) FROM ${T} h WHERE ${notYetVisibleSql('h')} AND h.locale = :locale))::int`;

const LIST_SQL = `
  WITH page AS (
    SELECT r.row_id, r.document_id, r.public_json, r.published_at FROM ${T} r
    WHERE r.locale = :locale AND ${visibleSql('r')} ORDER BY ${ORDER('r')} LIMIT :limit OFFSET :offset
  )
  SELECT convert_to('[' || coalesce((SELECT string_agg(${releaseJsonSql('r')}, ',' ORDER BY ${ORDER('r')})
      FROM page r), '') || ']', 'UTF8') AS data,
    ${VISIBLE_TOTAL} AS total`;
const TOTAL_SQL = `SELECT ${VISIBLE_TOTAL} AS total`;

const oneSql = (column: string) => `
  SELECT convert_to(${releaseJsonSql('r')}, 'UTF8') AS data FROM ${T} r
  WHERE r.locale = :locale AND r.${column} = :value AND ${visibleSql('r')} ORDER BY ${ORDER('r')} LIMIT 1`;
const SLUG_SQL = oneSql('slug');
const DOCUMENT_SQL = oneSql('document_id');

const RELEASES_SQL = `
  SELECT ${releaseJsonSql('r')} AS json FROM ${T} r
  WHERE r.locale = :locale AND ${visibleSql('r')} AND (CAST(:documentId AS text) IS NULL OR r.document_id = :documentId)
  ORDER BY ${ORDER('r')} LIMIT :limit OFFSET :offset`;

/** Every locale's visible releases, newest first (the ActivityPub outbox: one actor for the whole newsroom). */
const ANY_LOCALE_SQL = `
  SELECT ${releaseJsonSql('r')} AS json FROM ${T} r WHERE ${visibleSql('r')}
  ORDER BY ${ORDER('r')} LIMIT :limit OFFSET :offset`;
const ANY_LOCALE_TOTAL_SQL = `SELECT count(*)::int AS total FROM ${T} r WHERE ${visibleSql('r')}`;

export interface ListPageRequest {
  locale: string;
  page: number;
  pageSize: number;
}

export interface SitemapRow {
  documentId: string;
  locale: string;
  slug: string;
  headline: string;
  publishedAt: string;
  updatedAt: string;
  /** The release's visible versions (its own included), where a sitemap file lists them as alternates. */
  translations?: { locale: string; slug: string }[];
}

interface SitemapRowColumns {
  document_id: string;
  locale: string;
  slug: string;
  headline: string;
  published_at: Date;
  updated_at: Date;
}

const sitemapRowOf = (row: SitemapRowColumns): SitemapRow => ({
  documentId: row.document_id,
  locale: row.locale,
  slug: row.slug,
  headline: row.headline,
  publishedAt: new Date(row.published_at).toISOString(),
  updatedAt: new Date(row.updated_at).toISOString(),
});

export interface RelatedMatch {
  documentId: string;
  score: number;
}

type Knex = Core.Strapi['db']['connection'];
type Rows<T> = { rows: T[] };

export function publicReleases(strapi: Core.Strapi) {
  const hiddenByRequest = new WeakMap<object, Promise<number[]>>();
  const knex = (): Knex => strapi.db.connection;
  const media = signedMediaUrls(strapi);
  /**
   * A named prepared statement (pg's `name`, which knex passes through): PostgreSQL plans it once per connection
   * instead of on every request.
   */
  const prepared = async <Row>(name: string, sql: string, bindings: Record<string, unknown>): Promise<Row[]> =>
    (
      (await knex()
        .raw(sql, bindings as never)
        .options({ name })) as Rows<Row>
    ).rows;
  const frame = (data: Buffer, meta: Record<string, unknown>) =>
    Buffer.concat([DATA_OPEN, data, Buffer.from(`,"meta":${JSON.stringify(meta)}}`)]);

  return {
    /** The response body of a page of a locale's visible releases, newest first, with its pagination meta. */
    async listPage(request: ListPageRequest): Promise<Buffer> {
      const [row] = await prepared<{ data: Buffer; total: number }>('newsroom_public_list', LIST_SQL, {
        locale: request.locale,
        now: publicNow(),
        limit: request.pageSize,
        offset: (request.page - 1) * request.pageSize,
      });
      const total = Number(row.total);
      return frame(await media.json(row.data), {
        pagination: {
          page: request.page,
          pageSize: request.pageSize,
          pageCount: Math.ceil(total / request.pageSize),
          total,
        },
      });
    },

    /** The response body for the visible release with this slug in this locale, or undefined. */
    async bySlug(locale: string, slug: string): Promise<Buffer | undefined> {
      const [row] = await prepared<{ data: Buffer }>('newsroom_public_slug', SLUG_SQL, {
        locale,
        value: slug,
        now: publicNow(),
      });
      return row ? frame(await media.json(row.data), {}) : undefined;
    },

    /** The response body for the visible release of this document in this locale (`meta` as given), or undefined. */
    async byDocumentId(
      locale: string,
      documentId: string,
      meta: Record<string, unknown> = {},
    ): Promise<Buffer | undefined> {
      const [row] = await prepared<{ data: Buffer }>('newsroom_public_document', DOCUMENT_SQL, {
        locale,
        value: documentId,
        now: publicNow(),
      });
      return row ? frame(await media.json(row.data), meta) : undefined;
    },

    /** One visible release as an object (JSON-LD, ninjs, the reader page), or null. */
    async release(documentId: string, locale: string): Promise<PublicRelease | null> {
      const rows = await prepared<{ json: string }>('newsroom_public_releases', RELEASES_SQL, {
        locale,
        documentId,
        limit: 1,
        offset: 0,
        now: publicNow(),
      });
      return media.release(rows[0] ? (JSON.parse(rows[0].json) as PublicRelease) : null);
    },

    /** A locale's visible releases as objects, newest first, from `offset` (feeds, GraphQL). */
    async page(locale: string, offset: number, limit: number): Promise<PublicRelease[]> {
      const rows = await prepared<{ json: string }>('newsroom_public_releases', RELEASES_SQL, {
        locale,
        documentId: null,
        limit,
        offset,
        now: publicNow(),
      });
      return media.releases(rows.map((row) => JSON.parse(row.json) as PublicRelease));
    },

    /** Every locale's visible releases as objects, newest first, from `offset`. */
    async pageInAnyLocale(offset: number, limit: number): Promise<PublicRelease[]> {
      const rows = await prepared<{ json: string }>('newsroom_public_any_locale', ANY_LOCALE_SQL, {
        limit,
        offset,
        now: publicNow(),
      });
      return media.releases(rows.map((row) => JSON.parse(row.json) as PublicRelease));
    },

    /** How many releases are visible now, in all locales. */
    async totalInAnyLocale(): Promise<number> {
      const [row] = await prepared<{ total: number }>('newsroom_public_any_locale_total', ANY_LOCALE_TOTAL_SQL, {
        now: publicNow(),
      });
      return Number(row.total);
    },

    /** How many releases of a locale are visible now. */
    async total(locale: string): Promise<number> {
      const [row] = await prepared<{ total: number }>('newsroom_public_total', TOTAL_SQL, { locale, now: publicNow() });
      return Number(row.total);
    },

    /** The locales in which a document is visible now. */
    async visibleLocales(documentId: string): Promise<string[]> {
      const rows = (await knex().raw(
        `SELECT r.locale FROM ${T} r WHERE r.document_id = :documentId AND ${visibleSql('r')}`,
        {
          documentId,
          now: publicNow(),
        },
      )) as Rows<{ locale: string }>;
      return rows.rows.map((row) => row.locale);
    },

    /** Visible releases with a slug (one per document and locale), newest first, published since a date. */
    async newsSitemapRows(options: { since: Date; limit: number }): Promise<SitemapRow[]> {
      const rows = (await knex().raw(
        `SELECT r.document_id, r.locale, r.slug, r.headline, r.published_at, r.updated_at FROM ${T} r
         WHERE ${visibleSql('r')} AND r.slug IS NOT NULL AND r.published_at >= :since
         ORDER BY ${ORDER('r')} LIMIT :limit`,
        { now: publicNow(), since: options.since, limit: options.limit },
      )) as Rows<SitemapRowColumns>;
      return rows.rows.map(sitemapRowOf);
    },

    /**
     * The release sitemap files: how many there are and when each last changed. Releases are numbered oldest
     * first, so a new release lands in the last file and the others keep their content and their `lastmod`.
     */
    async sitemapFiles(urlsPerFile: number): Promise<{ file: number; lastmod: string }[]> {
      const rows = (await knex().raw(
        `SELECT (n - 1) / :perFile + 1 AS file, max(updated_at) AS lastmod FROM (
           SELECT r.updated_at, row_number() OVER (ORDER BY ${SITEMAP_ORDER('r')}) AS n FROM ${T} r
           WHERE ${visibleSql('r')} AND r.slug IS NOT NULL
         ) numbered GROUP BY 1 ORDER BY 1`,
        { now: publicNow(), perFile: urlsPerFile },
      )) as Rows<{ file: string | number; lastmod: Date }>;
      return rows.rows.map((row) => ({ file: Number(row.file), lastmod: new Date(row.lastmod).toISOString() }));
    },

    /** One release sitemap file's releases (see sitemapFiles), each with its visible translations. */
    async sitemapFile(file: number, urlsPerFile: number): Promise<SitemapRow[]> {
      const rows = (await knex().raw(
        `SELECT r.document_id, r.locale, r.slug, r.headline, r.published_at, r.updated_at,
           (SELECT json_agg(json_build_object('locale', a.locale, 'slug', a.slug) ORDER BY a.locale) FROM ${T} a
            WHERE a.document_id = r.document_id AND ${visibleSql('a')} AND a.slug IS NOT NULL) AS translations
         FROM ${T} r WHERE ${visibleSql('r')} AND r.slug IS NOT NULL
         ORDER BY ${SITEMAP_ORDER('r')} LIMIT :limit OFFSET :offset`,
        { now: publicNow(), limit: urlsPerFile, offset: (file - 1) * urlsPerFile },
      )) as Rows<SitemapRowColumns & { translations: { locale: string; slug: string }[] | null }>;
      return rows.rows.map((row) => ({ ...sitemapRowOf(row), translations: row.translations ?? [] }));
    },

    /**
     * Visible releases in the same locale that share topics or entities with this one, best match first (shared
     * links counted), newest first among equals.
     */
    async related(
      documentId: string,
      locale: string,
      limit: number,
    ): Promise<{ release: PublicRelease; score: number }[]> {
      const rows = (await knex().raw(
        `WITH me AS (
           SELECT m.topic_ids, m.entity_ids FROM ${T} m
           WHERE m.document_id = :documentId AND m.locale = :locale AND ${visibleSql('m')}
         ), matches AS (
           SELECT r.*, (SELECT count(*) FROM unnest(r.topic_ids) x WHERE x = ANY(me.topic_ids))
                     + (SELECT count(*) FROM unnest(r.entity_ids) x WHERE x = ANY(me.entity_ids)) AS score
           FROM ${T} r, me
           WHERE r.locale = :locale AND r.document_id <> :documentId AND ${visibleSql('r')}
             AND (r.topic_ids && me.topic_ids OR r.entity_ids && me.entity_ids)
           ORDER BY score DESC, r.published_at DESC, r.document_id LIMIT :limit
         )
         SELECT ${releaseJsonSql('r')} AS json, r.score FROM matches r
         ORDER BY r.score DESC, r.published_at DESC, r.document_id`,
        { documentId, locale, limit, now: publicNow() },
      )) as Rows<{ json: string; score: string }>;
      const releases = await media.releases(rows.rows.map((row) => JSON.parse(row.json) as PublicRelease));
      return releases.map((release, index) => ({ release, score: Number(rows.rows[index].score) }));
    },

    /** When what the public sees changes next by itself (an embargo ending), ms since epoch; null when never. */
    async nextChange(): Promise<number | null> {
      const rows = (await knex().raw(
        `SELECT extract(epoch FROM min(r.visible_from)) * 1000 AS next FROM ${T} r WHERE ${notYetVisibleSql('r')}`,
        {
          now: publicNow(),
        },
      )) as Rows<{ next: string | null }>;
      return rows.rows[0].next === null ? null : Number(rows.rows[0].next);
    },

    /**
     * The ids of published press-release rows the public may not see yet. Strapi's own path (a query with filters
     * or sorts the read model does not run, GraphQL) leaves these out, so what it may return is decided here.
     */
    hiddenRowIds(): Promise<number[]> {
      // Asked once per request: a GraphQL list asks for its page, its count and each release's translations.
      const request = strapi.requestContext.get() as object | undefined;
      const known = request && hiddenByRequest.get(request);
      if (known) return known;
      const asked = knex()
        .raw(`SELECT r.row_id FROM ${T} r WHERE ${notYetVisibleSql('r')}`, { now: publicNow() })
        .then((result: Rows<{ row_id: number }>) => result.rows.map((row) => row.row_id));
      if (request) hiddenByRequest.set(request, asked);
      return asked;
    },
  };
}

export type PublicReleases = ReturnType<typeof publicReleases>;

/** The read side for this app instance (tests start several in one process). */
export function publicReleasesOf(strapi: Core.Strapi): PublicReleases {
  return perApp(strapi, 'publicReleases', () => publicReleases(strapi));
}
