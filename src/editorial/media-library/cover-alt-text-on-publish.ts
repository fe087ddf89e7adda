import type { Core, Modules } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PRESS_RELEASE_UID } from '../../platform/content-model/content-type-uids';
import { isPublish } from '../../platform/content-model/document-writes';
import { PUBLISHED_VERSION_WHERE } from '../../read-side/visibility';
import { inEditorLanguage } from '../editor-messages/editor-language';

type PublishedRow = { locale: string; cover: { name: string; alternativeText: string | null } | null };

/**
 * Document Service middleware: a release goes public only with a cover that has alternative text, so that readers of
 * every format who cannot see the photo are told what it shows. Checked on the published rows the write made; it runs
 * inside the read model's transaction (registered after it), so a refusal takes the whole publish back and the
 * admin panel shows the message.
 */
export function coverAltTextOnPublish(strapi: Core.Strapi): Modules.Documents.Middleware.Middleware {
  return async (context, next) => {
    if (context.uid !== PRESS_RELEASE_UID || !isPublish(context)) return next();
    const result = await next();
    const documentId =
      (context.params as { documentId?: string }).documentId ?? (result as { documentId?: string } | null)?.documentId;
    if (!documentId) return result;
    const rows = (await strapi.db.query(PRESS_RELEASE_UID).findMany({
      select: ['locale'],
      where: { documentId, ...PUBLISHED_VERSION_WHERE },
      populate: { cover: { select: ['name', 'alternativeText'] } },
    })) as PublishedRow[];
    const bare = rows.find((row) => row.cover && !row.cover.alternativeText?.trim());
    if (bare?.cover) {
      const name = bare.cover.name;
      throw new errors.ValidationError(
        inEditorLanguage(strapi, {
          en:
            `This release cannot be published: its cover photo "${name}" has no alternative text. ` +
            'Describe the photo in the Media Library (edit the file, "Alternative text"), then publish again.',
          ru:
            `Этот релиз нельзя опубликовать: у фотографии обложки «${name}» нет альтернативного текста. ` +
            'Опишите фотографию в медиабиблиотеке (откройте файл, поле «Альтернативный текст») и опубликуйте снова.',
        }),
      );
    }
    return result;
  };
}
