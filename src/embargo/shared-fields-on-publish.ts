import type { Core, Modules } from '@strapi/strapi';
import { PRESS_RELEASE_UID } from '../newsroom-setup/content-type-uids';

type Entry = { documentId: string; locale: string };

interface I18nServices {
  contentTypes: { getNestedPopulateOfNonLocalizedAttributes(uid: string): string[] };
  localizations: { syncNonLocalizedAttributes(entry: Entry, model: unknown): Promise<void> };
  locales: { getDefaultLocale(): Promise<string> };
}

function i18nServices(strapi: Core.Strapi): I18nServices {
  const plugin = strapi.plugin('i18n');
  return {
    contentTypes: plugin.service('content-types') as I18nServices['contentTypes'],
    localizations: plugin.service('localizations') as I18nServices['localizations'],
    locales: plugin.service('locales') as I18nServices['locales'],
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
    if (context.uid !== PRESS_RELEASE_UID || context.action !== 'publish') return next();
    const result = await next();
    const { documentId, locale: asked } = context.params as { documentId?: string; locale?: string };
    // Publishing every locale at once ('*') publishes drafts that already share these fields.
    if (!documentId || asked === '*') return result;
    const { contentTypes, localizations, locales } = i18nServices(strapi);
    const locale = asked ?? (await locales.getDefaultLocale());
    const published = (await strapi.db.query(PRESS_RELEASE_UID).findOne({
      where: { documentId, locale, publishedAt: { $notNull: true } },
      populate: contentTypes.getNestedPopulateOfNonLocalizedAttributes(PRESS_RELEASE_UID),
    })) as Entry | null;
    if (published) await localizations.syncNonLocalizedAttributes(published, strapi.getModel(PRESS_RELEASE_UID));
    return result;
  };
}
