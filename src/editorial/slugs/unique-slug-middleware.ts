import type { Core, Modules } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PRESS_RELEASE_UID, TOPIC_UID } from '../../platform/content-model/content-type-uids';
import { defaultLocaleOf } from '../../platform/content-model/locales';
import { slugifyHeadline, withSuffix } from './slugify-headline';
import { inEditorLanguage } from '../editor-messages/editor-language';

/** Which field each slugged type derives its slug from. */
const SLUG_SOURCES: Record<string, string> = {
  [PRESS_RELEASE_UID]: 'headline',
  [TOPIC_UID]: 'name',
};

type SluggedUid = typeof PRESS_RELEASE_UID | typeof TOPIC_UID;

async function slugTaken(
  strapi: Core.Strapi,
  uid: SluggedUid,
  slug: string,
  locale: string,
  documentId: string | undefined,
): Promise<boolean> {
  const clash = await strapi.db.query(uid).findOne({
    select: ['id'],
    where: { slug, locale, ...(documentId ? { documentId: { $ne: documentId } } : {}) },
  });
  return clash !== null;
}

/**
 * Document Service middleware: fills an empty slug from the headline (or name), transliterated, and keeps
 * slugs unique within a locale. A generated slug gets a numeric suffix on a clash; a slug the editor typed
 * is refused with a message, since silently changing a URL someone chose is worse than asking.
 * (Strapi's `uid` field is avoided on purpose: its per-locale uniqueness is unreliable, strapi/strapi#20909.)
 */
export function uniqueSlugMiddleware(strapi: Core.Strapi): Modules.Documents.Middleware.Middleware {
  return async (context, next) => {
    const sourceField = SLUG_SOURCES[context.uid];
    if (!sourceField || (context.action !== 'create' && context.action !== 'update')) return next();

    const params = context.params as { data?: Record<string, unknown>; locale?: string; documentId?: string };
    const data = params.data;
    if (!data) return next();
    const uid = context.uid as SluggedUid;
    const locale = params.locale ?? (await defaultLocaleOf(strapi));
    const documentId = params.documentId;
    const typed = typeof data.slug === 'string' ? data.slug.trim() : '';

    if (typed) {
      if (await slugTaken(strapi, uid, typed, locale, documentId)) {
        throw new errors.ValidationError(
          inEditorLanguage(strapi, {
            en: `The slug "${typed}" is already used by another document in locale "${locale}". Choose another one.`,
            ru: `Адрес (slug) «${typed}» уже занят другим документом в локали «${locale}». Выберите другой.`,
          }),
        );
      }
      data.slug = typed;
      return next();
    }

    let base = typeof data[sourceField] === 'string' ? slugifyHeadline(data[sourceField] as string) : '';
    if (!base && documentId) {
      // A partial update without the source field keeps the stored slug, if there is one.
      const stored = await strapi.db.query(uid).findOne({ select: ['slug'], where: { documentId, locale } });
      if (stored?.slug) {
        if ('slug' in data) data.slug = stored.slug;
        return next();
      }
    }
    if (!base) base = 'release';
    let n = 1;
    while (await slugTaken(strapi, uid, withSuffix(base, n), locale, documentId)) n += 1;
    data.slug = withSuffix(base, n);
    return next();
  };
}
