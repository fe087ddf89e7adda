import type { Core, Modules } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { TOPIC_UID } from '../../platform/content-model/content-type-uids';
import { MEDIA_TOPIC_EXAMPLE, MEDIA_TOPIC_PATTERN } from '../../platform/content-model/media-topic';
import { inEditorLanguage } from '../editor-messages/editor-language';

/**
 * Document Service middleware: a topic's IPTC Media Topic code is refused unless it has the form of one (trimmed; an
 * empty field is no code). Checked here rather than by a `regex` in the schema so the editor reads what a code
 * looks like instead of a regular expression, on every path a topic is written by (panel, REST, importer).
 */
export function mediaTopicCheck(strapi: Core.Strapi): Modules.Documents.Middleware.Middleware {
  return async (context, next) => {
    if (context.uid !== TOPIC_UID || (context.action !== 'create' && context.action !== 'update')) return next();
    const data = (context.params as { data?: Record<string, unknown> }).data;
    if (!data || !('mediaTopic' in data)) return next();
    const value = data.mediaTopic;
    const code = typeof value === 'string' ? value.trim() : value;
    if (code === '' || code === null || code === undefined) {
      data.mediaTopic = null;
      return next();
    }
    if (typeof code !== 'string' || !MEDIA_TOPIC_PATTERN.test(code)) {
      throw new errors.ValidationError(
        inEditorLanguage(strapi, {
          en:
            `"${String(value)}" is not an IPTC Media Topic code: write "medtop:" and eight digits, ` +
            `e.g. ${MEDIA_TOPIC_EXAMPLE}, or leave the field empty.`,
          ru:
            `«${String(value)}» — не код IPTC Media Topic: напишите «medtop:» и восемь цифр, ` +
            `например ${MEDIA_TOPIC_EXAMPLE}, или оставьте поле пустым.`,
        }),
      );
    }
    data.mediaTopic = code;
    return next();
  };
}
