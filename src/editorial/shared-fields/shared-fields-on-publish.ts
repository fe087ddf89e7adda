import { isDeepStrictEqual } from 'node:util';
import type { Core, Modules } from '@strapi/strapi';
import { PRESS_RELEASE_UID } from '../../platform/content-model/content-type-uids';
import { isPublish } from '../../platform/content-model/document-writes';
import { defaultLocaleOf } from '../../platform/content-model/locales';
import { isPublishedVersion, PUBLISHED_VERSION_WHERE } from '../../read-side/visibility';

type Entry = { documentId: string; locale: string };

/**
 * Relations every locale of a release shares: whom it is shared with before its embargo lifts (src/press-access).
 * Strapi's i18n treats every relation as localized, so these are copied here, from the version just published to
 * every other version of the document (drafts included, so that the next publish of another locale keeps them).
 */
export const SHARED_RELATIONS = ['pressOutlets', 'pressJournalists'] as const;

interface I18nServices {
  contentTypes: {
    getNestedPopulateOfNonLocalizedAttributes(uid: string): string[];
    copyNonLocalizedAttributes(model: unknown, entry: Entry): Record<string, unknown>;
  };
  localizations: { syncNonLocalizedAttributes(entry: Entry, model: unknown): Promise<void> };
}

function i18nServices(strapi: Core.Strapi): I18nServices {
  const plugin = strapi.plugin('i18n');
  return {
    contentTypes: plugin.service('content-types') as I18nServices['contentTypes'],
    localizations: plugin.service('localizations') as I18nServices['localizations'],
  };
}

/**
 * Document Service middleware: publishing a locale of a release gives its other published locales the
 * fields all locales share (embargoUntil, issuedAt, cover), every time.
 *
 * Strapi's i18n plugin means to do this, but decides whether anything changed by comparing with whichever
 * row of the document PostgreSQL returns first (a findOne by documentId, no locale, no order): depending on
 * the table's physical order, publishing an English version under a new embargo did or did not embargo the
 * Russian one already public. This runs the plugin's own sync from the version just published.
 */
export function syncSharedFieldsOnPublish(strapi: Core.Strapi): Modules.Documents.Middleware.Middleware {
  return async (context, next) => {
    if (context.uid !== PRESS_RELEASE_UID || !isPublish(context)) return next();
    const { documentId, locale: asked } = context.params as { documentId?: string; locale?: string | string[] };
    // Publishing every locale at once ('*') publishes drafts that already share these fields.
    if (!documentId || asked === '*') return next();
    // One transaction with the publish (Strapi's own joins it): a failed sync leaves nothing published.
    return strapi.db.transaction(async () => {
      const result = await next();
      // Several locales at once (the admin's bulk publish): their drafts share the fields; any one is the source.
      const locale = (Array.isArray(asked) ? asked[0] : asked) || (await defaultLocaleOf(strapi));
      await syncFrom(strapi, documentId, locale);
      await syncSharedRelations(strapi, documentId, locale);
      return result;
    });
  };
}

/** Gives the other published locales the shared fields of `locale`'s published version, if any differs. */
async function syncFrom(strapi: Core.Strapi, documentId: string, locale: string): Promise<void> {
  const { contentTypes, localizations } = i18nServices(strapi);
  const model = strapi.getModel(PRESS_RELEASE_UID);
  const rows = (await strapi.db.query(PRESS_RELEASE_UID).findMany({
    where: { documentId, ...PUBLISHED_VERSION_WHERE },
    populate: contentTypes.getNestedPopulateOfNonLocalizedAttributes(PRESS_RELEASE_UID),
  })) as Entry[];
  const source = rows.find((row) => row.locale === locale);
  if (!source) return;
  const shared = (row: Entry) => contentTypes.copyNonLocalizedAttributes(model, row);
  // Nothing to write (and no updatedAt to move, which sitemaps and feeds show) when they already agree.
  if (rows.every((row) => isDeepStrictEqual(shared(row), shared(source)))) return;
  await localizations.syncNonLocalizedAttributes(source, model);
}

/** Gives every other version of the document the shared relations of `locale`'s published version. */
async function syncSharedRelations(strapi: Core.Strapi, documentId: string, locale: string): Promise<void> {
  const rows = (await strapi.db.query(PRESS_RELEASE_UID).findMany({
    select: ['id', 'locale', 'publishedAt'],
    where: { documentId },
    populate: Object.fromEntries(SHARED_RELATIONS.map((name) => [name, { select: ['id'] }])),
  })) as (Entry & { id: number; publishedAt: string | null } & Record<string, { id: number }[]>)[];
  const source = rows.find((row) => row.locale === locale && isPublishedVersion(row));
  if (!source) return;
  const idsOf = (row: (typeof rows)[number], name: string) => (row[name] ?? []).map((target) => target.id);
  for (const row of rows) {
    if (row === source) continue;
    const differing = SHARED_RELATIONS.filter(
      (name) => !isDeepStrictEqual([...idsOf(row, name)].sort(), [...idsOf(source, name)].sort()),
    );
    if (differing.length === 0) continue;
    const data = Object.fromEntries(differing.map((name) => [name, idsOf(source, name)]));
    await strapi.db.query(PRESS_RELEASE_UID).update({ where: { id: row.id }, data });
  }
}
