import type { Core, Modules } from '@strapi/strapi';
import type { Knex } from 'knex';
import { PRESS_RELEASE_UID } from '../../platform/content-model/content-type-uids';
import { isPublish } from '../../platform/content-model/document-writes';
import { actingUser } from '../../platform/request-context/acting-user';
import { defaultLocaleOf } from '../../platform/content-model/locales';
import { settings } from '../../platform/settings/newsroom-settings';
import { snapshotOf, snapshotPopulate } from './release-snapshot';
import { keepVersion, type VersionAuthor, type VersionStatus } from './release-versions-table';
import { givenVersionReason, type VersionReason } from './version-reason';
import { PUBLISHED_VERSION_WHERE } from '../../read-side/visibility';

/** What each write keeps: the row it leaves behind and why. */
function keptBy(context: { action: string }): { status: VersionStatus; reason: VersionReason } | null {
  if (isPublish(context)) return { status: 'published', reason: 'publish' };
  switch (context.action) {
    case 'create':
    case 'update':
      return { status: 'draft', reason: 'save' };
    case 'unpublish':
      return { status: 'draft', reason: 'unpublish' };
    case 'discardDraft':
      return { status: 'draft', reason: 'discard' };
    default:
      return null;
  }
}

/** The admin user (or API token) whose request made the write; nobody for scripts and start-up work. */
export function authorOfRequest(strapi: Core.Strapi): VersionAuthor {
  const actor = actingUser(strapi);
  if (actor.kind === 'admin') return { id: actor.id, name: actor.name, email: actor.email };
  if (actor.kind === 'api-token') return { id: null, name: actor.name, email: null };
  return { id: null, name: null, email: null };
}

/** The locales a write touched: the one asked, every one of the document for '*', the default one if none. */
async function writtenLocales(strapi: Core.Strapi, documentId: string, params: unknown, result: unknown) {
  const asked = (params as { locale?: unknown })?.locale;
  if (typeof asked === 'string' && asked !== '*') return [asked];
  if (Array.isArray(asked)) return asked.filter((locale): locale is string => typeof locale === 'string');
  const resultLocale = (result as { locale?: unknown } | null)?.locale;
  if (asked === undefined && typeof resultLocale === 'string') return [resultLocale];
  if (asked === undefined) {
    return [await defaultLocaleOf(strapi)];
  }
  const rows = (await strapi.db.query(PRESS_RELEASE_UID).findMany({ select: ['locale'], where: { documentId } })) as {
    locale: string;
  }[];
  return [...new Set(rows.map((row) => row.locale))];
}

/**
 * Document Service middleware: every save, publish, unpublish and discard of a release keeps a version of each
 * locale it wrote (the row it left behind), with who made it and why. Registered inside the read model's
 * transaction: a version exists exactly when its write was committed.
 */
export function recordReleaseVersions(strapi: Core.Strapi): Modules.Documents.Middleware.Middleware {
  return async (context, next) => {
    if (context.uid !== PRESS_RELEASE_UID) return next();
    const kept = keptBy(context);
    if (!kept) return next();
    return strapi.db.transaction(async ({ trx }) => {
      const result = await next();
      const documentId =
        (context.params as { documentId?: unknown })?.documentId ?? (result as { documentId?: unknown })?.documentId;
      if (typeof documentId !== 'string') return result;
      const reason = givenVersionReason() ?? kept.reason;
      const author = authorOfRequest(strapi);
      for (const locale of await writtenLocales(strapi, documentId, context.params, result)) {
        const row = (await strapi.db.query(PRESS_RELEASE_UID).findOne({
          where: {
            documentId,
            locale,
            ...(kept.status === 'published' ? PUBLISHED_VERSION_WHERE : { publishedAt: null }),
          },
          populate: snapshotPopulate(strapi, PRESS_RELEASE_UID),
        })) as Record<string, unknown> | null;
        if (!row) continue;
        const content = snapshotOf(strapi, PRESS_RELEASE_UID, row);
        const version = { documentId, locale, status: kept.status, reason, content, author };
        await keepVersion(trx as unknown as Knex, version, settings().VERSIONS_KEEP_PER_LOCALE);
      }
      return result;
    });
  };
}
