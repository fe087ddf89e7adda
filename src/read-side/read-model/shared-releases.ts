import type { Core } from '@strapi/strapi';
import { perApp } from '../../platform/app-registry/per-app';
import type { PublicRelease } from '../public-shape';
import {
  audienceBindings,
  type JournalistAudience,
  PUBLIC_RELEASES,
  publicNow,
  sharedSql,
  visibleSql,
} from '../visibility';
import { ORDER, releaseJsonSql } from './public-releases';
import { signedMediaUrls } from './signed-media-urls';
import { pressLinkKey, withPressFileLinks } from './press-file-links';
import { settings } from '../../platform/settings/newsroom-settings';

/**
 * The read model as a journalist reads it: the public shape of each release, with the localizations the journalist
 * sees, and `embargoed` (whether the public cannot see it yet). Which rows qualify is visibility.ts's rule, asked with
 * the journalist as the audience; nothing here decides it. The files of a release under embargo come as links signed
 * for the journalist (press-file-links.ts): their public URLs answer nothing until it lifts.
 */

const T = PUBLIC_RELEASES;

/** `pressKit`: where the journalist takes its press kit (press-file-links.ts). */
export type SharedRelease = PublicRelease & { embargoed: boolean; pressKit?: string };

const sharedJsonSql = (alias: string, audience: JournalistAudience) =>
  releaseJsonSql(alias, audience, `',"embargoed":' || (${alias}.visible_from > :now)::text`);

/** Releases shared with the journalist that they may see now: the ones still under embargo first, then newest. */
const pageSql = (audience: JournalistAudience) => `
  SELECT ${sharedJsonSql('r', audience)} AS json, count(*) OVER () AS total FROM ${T} r
  WHERE r.locale = :locale AND ${visibleSql('r', audience)} AND ${sharedSql('r')}
  ORDER BY (r.visible_from > :now) DESC, ${ORDER('r')} LIMIT :limit OFFSET :offset`;

const oneSql = (audience: JournalistAudience) => `
  SELECT ${sharedJsonSql('r', audience)} AS json FROM ${T} r
  WHERE r.locale = :locale AND r.document_id = :documentId AND ${visibleSql('r', audience)}
  ORDER BY ${ORDER('r')} LIMIT 1`;

/** The release's version in a locale, if it shows the file and the journalist may see it now. */
const showingFileSql = (audience: JournalistAudience) => `
  SELECT (r.visible_from > :now) AS embargoed FROM ${T} r
  WHERE r.locale = :locale AND r.document_id = :documentId AND :fileId = ANY(r.media_ids)
    AND ${visibleSql('r', audience)}
  LIMIT 1`;

type Rows<T> = { rows: T[] };

export function sharedReleases(strapi: Core.Strapi) {
  const media = signedMediaUrls(strapi);
  const run = async <Row>(sql: string, audience: JournalistAudience, bindings: Record<string, unknown>) =>
    (
      (await strapi.db.connection.raw(sql, {
        ...audienceBindings(audience, publicNow()),
        ...bindings,
      } as never)) as Rows<Row>
    ).rows;

  return {
    /** A page of the releases shared with the journalist in a locale, with the total. */
    async page(
      audience: JournalistAudience,
      request: { locale: string; page: number; pageSize: number },
    ): Promise<{ releases: SharedRelease[]; total: number }> {
      const rows = await run<{ json: string; total: string }>(pageSql(audience), audience, {
        locale: request.locale,
        limit: request.pageSize,
        offset: (request.page - 1) * request.pageSize,
      });
      const signed = await media.releases(rows.map((row) => JSON.parse(row.json) as SharedRelease));
      // The key and lifetime read once for the page: reading the settings costs more than signing a link.
      const links = { key: pressLinkKey(), ttlSeconds: settings().PRESS_LINK_TTL_SECONDS, nowMs: Date.now() };
      const releases = signed.map((release) => withPressFileLinks(audience, release, links));
      // A page past the end has no row to carry the total: counted again (rare).
      const total = rows[0] ? Number(rows[0].total) : request.page > 1 ? await this.total(audience, request) : 0;
      return { releases, total };
    },

    /** How many releases in a locale are shared with the journalist and visible to them now. */
    async total(audience: JournalistAudience, request: { locale: string }): Promise<number> {
      const [row] = await run<{ total: string }>(
        `SELECT count(*) AS total FROM ${T} r
         WHERE r.locale = :locale AND ${visibleSql('r', audience)} AND ${sharedSql('r')}`,
        audience,
        { locale: request.locale },
      );
      return Number(row.total);
    },

    /**
     * One release in a locale as the journalist may see it now (shared with them under embargo, or public), or null:
     * a release they may not see is as absent as one that does not exist.
     */
    async one(audience: JournalistAudience, documentId: string, locale: string): Promise<SharedRelease | null> {
      const release = await this.stored(audience, documentId, locale);
      return release && withPressFileLinks(audience, release);
    },

    /** The same, its files at their stored URLs (signed for a private bucket): what a press kit packs. */
    async stored(audience: JournalistAudience, documentId: string, locale: string): Promise<SharedRelease | null> {
      const [row] = await run<{ json: string }>(oneSql(audience), audience, { documentId, locale });
      return media.release(row ? (JSON.parse(row.json) as SharedRelease) : null);
    },

    /**
     * Whether a release in a locale, which shows the file, is one the journalist may see now (asked when a signed link
     * is used, so that a revocation or a removed grant holds at once): whether it is still under embargo, or null.
     */
    async showingFile(
      audience: JournalistAudience,
      release: { documentId: string; locale: string },
      fileId: number,
    ): Promise<{ embargoed: boolean } | null> {
      const [row] = await run<{ embargoed: boolean }>(showingFileSql(audience), audience, { ...release, fileId });
      return row ? { embargoed: row.embargoed } : null;
    },
  };
}

export type SharedReleases = ReturnType<typeof sharedReleases>;

export function sharedReleasesOf(strapi: Core.Strapi): SharedReleases {
  return perApp(strapi, 'sharedReleases', () => sharedReleases(strapi));
}
