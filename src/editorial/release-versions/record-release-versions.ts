import type { Core, Modules } from '@strapi/strapi';
import type { Knex } from 'knex';
import { PRESS_RELEASE_UID } from '../../platform/content-model/content-type-uids';
import { settings } from '../../platform/settings/newsroom-settings';
import { snapshotOf, snapshotPopulate } from './release-snapshot';
import { keepVersion, type VersionAuthor, type VersionStatus } from './release-versions-table';
import { givenVersionReason, type VersionReason } from './version-reason';
import { PUBLISHED_VERSION_WHERE } from '../../read-side/visibility';

/** What each write keeps: the row it leaves behind and why. */
function keptBy(action: string, params: { status?: unknown }): { status: VersionStatus; reason: VersionReason } | null {
  switch (action) {
    case 'create':
    case 'update':
      // REST writes default to publishing at once: that write's result is the published row.
      return params.status === 'published'
        ? { status: 'published', reason: 'publish' }
        : { status: 'draft', reason: 'save' };
    case 'publish':
      return { status: 'published', reason: 'publish' };
    case 'unpublish':
      return { status: 'draft', reason: 'unpublish' };
    case 'discardDraft':
      return { status: 'draft', reason: 'discard' };
    default:
      return null;
  }
}

interface RequestState {
  user?: { id?: number; firstname?: string | null; lastname?: string | null; username?: string | null; email?: string };
  auth?: { strategy?: { name?: string }; credentials?: { name?: string } };
}

/** The admin user (or API token) whose request made the write; nobody for scripts and start-up work. */
export function authorOfRequest(strapi: Core.Strapi): VersionAuthor {
  const state = strapi.requestContext.get()?.state as RequestState | undefined;
  if (state?.auth?.strategy?.name === 'admin' && state.user) {
    const { id, firstname, lastname, username, email } = state.user;
    const name = [firstname, lastname].filter(Boolean).join(' ') || username || email || null;
    return { id: id ?? null, name, email: email ?? null };
  }
  if (state?.auth?.strategy?.name === 'api-token' && state.auth.credentials?.name) {
    return { id: null, name: `API token "${state.auth.credentials.name}"`, email: null };
  }
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
    return [
      await (strapi.plugin('i18n').service('locales') as { getDefaultLocale(): Promise<string> }).getDefaultLocale(),
    ];
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
    const kept = keptBy(context.action, (context.params ?? {}) as { status?: unknown });
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
