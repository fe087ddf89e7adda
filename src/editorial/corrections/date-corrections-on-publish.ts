import type { Core, Modules } from '@strapi/strapi';
import { PRESS_RELEASE_UID } from '../../platform/content-model/content-type-uids';
import { isPublish } from '../../platform/content-model/document-writes';
import { defaultLocaleOf } from '../../platform/content-model/locales';
import { correctedAtOnPublish } from '../../read-side/read-model/correction-date';
import { isPublishedVersion } from '../../read-side/visibility';

interface CorrectionRow {
  id: number;
  locale: string;
  correction: string | null;
  correctedAt: string | Date | null;
}

const sameMoment = (a: string | Date | null, b: Date | null): boolean =>
  (a === null ? null : new Date(a).getTime()) === (b === null ? null : b.getTime());

/**
 * Document Service middleware: saves leave a correction's date alone, and before a release's locales are published
 * each draft's correction note is dated (see correctedAtOnPublish), so that the published version Strapi copies from
 * the draft carries the date.
 * Registered inside the read model's transaction: the date is taken back with a refused publish.
 */
export function dateCorrectionsOnPublish(strapi: Core.Strapi): Modules.Documents.Middleware.Middleware {
  return async (context, next) => {
    if (context.uid !== PRESS_RELEASE_UID) return next();
    if (context.action === 'create' || context.action === 'update') {
      // The server dates corrections: a date sent with a save (the edit view sends the whole form) is dropped.
      const data = (context.params as { data?: Record<string, unknown> }).data;
      if (data && 'correctedAt' in data) delete data.correctedAt;
      return next();
    }
    if (!isPublish(context)) return next();
    const { documentId, locale: given } = context.params as { documentId?: string; locale?: string | string[] };
    if (!documentId) return next();
    const locale = given ?? (await defaultLocaleOf(strapi));
    const rows = (await strapi.db.query(PRESS_RELEASE_UID).findMany({
      select: ['id', 'locale', 'correction', 'correctedAt', 'publishedAt'],
      where: { documentId, ...(typeof locale === 'string' && locale !== '*' ? { locale } : {}) },
    })) as (CorrectionRow & { publishedAt: unknown })[];
    const asked = Array.isArray(locale) ? new Set(locale) : null;
    const now = new Date();
    for (const draft of rows.filter((row) => !isPublishedVersion(row) && (!asked || asked.has(row.locale)))) {
      const published = rows.find((row) => isPublishedVersion(row) && row.locale === draft.locale);
      const correctedAt = correctedAtOnPublish(draft, published, now);
      if (sameMoment(draft.correctedAt, correctedAt)) continue;
      await strapi.db.query(PRESS_RELEASE_UID).update({ where: { id: draft.id }, data: { correctedAt } });
    }
    return next();
  };
}
