import { AUDIT_LABELS } from './audit/audit-labels';

/**
 * Labels of the newsroom's own content types and fields in the admin panel, in each language the panel offers.
 * The Content Manager looks a field's label up as `content-manager.content-types.<uid>.<field>`, and a content
 * type's name by its display name, so these keys are Strapi's own and need no component of ours.
 */
import { STAGE_NAMES } from '../editorial/review-workflow/review-stages';
import {
  ENTITY_UID,
  OUTLET_UID,
  PRESS_ACCREDITATION_UID,
  PRESS_RELEASE_UID,
  SOURCE_UID,
  TOPIC_UID,
} from '../platform/content-model/content-type-uids';

type Labels = Record<string, { en: string; ru: string }>;

const CONTENT_TYPES: Record<string, { name: { en: string; ru: string }; fields: Labels }> = {
  [PRESS_RELEASE_UID]: {
    name: { en: 'Press release', ru: 'Пресс-релиз' },
    fields: {
      kicker: { en: 'Kicker', ru: 'Надзаголовок' },
      headline: { en: 'Headline', ru: 'Заголовок' },
      slug: { en: 'Slug (address)', ru: 'Адрес (slug)' },
      lead: { en: 'Lead', ru: 'Лид' },
      body: { en: 'Body', ru: 'Текст' },
      dateline: { en: 'Dateline', ru: 'Место и дата' },
      embargoUntil: { en: 'Embargo until', ru: 'Эмбарго до' },
      issuedAt: { en: 'Issued on', ru: 'Дата выпуска' },
      cover: { en: 'Cover photo', ru: 'Обложка' },
      seo: { en: 'SEO', ru: 'SEO' },
      source: { en: 'Source', ru: 'Источник' },
      topics: { en: 'Topics', ru: 'Темы' },
      entities: { en: 'Entities', ru: 'Упоминания' },
      reviewStage: { en: 'Review stage', ru: 'Этап проверки' },
      correction: { en: 'Correction note', ru: 'Примечание об исправлении' },
      correctedAt: { en: 'Corrected at', ru: 'Дата исправления' },
      pressAccess: { en: 'Press access under embargo', ru: 'Доступ для прессы до снятия эмбарго' },
      pressOutlets: { en: 'Outlets with access', ru: 'Издания с доступом' },
      pressJournalists: { en: 'Journalists with access', ru: 'Журналисты с доступом' },
      pressNoticeWithText: { en: 'Text in the email notice', ru: 'Текст в письме-уведомлении' },
    },
  },
  [OUTLET_UID]: {
    name: { en: 'Outlet', ru: 'Издание' },
    fields: {
      name: { en: 'Name', ru: 'Название' },
      country: { en: 'Country', ru: 'Страна' },
      website: { en: 'Website', ru: 'Сайт' },
    },
  },
  [PRESS_ACCREDITATION_UID]: {
    name: { en: 'Press accreditation', ru: 'Аккредитация' },
    fields: {
      journalist: { en: 'Journalist', ru: 'Журналист' },
      email: { en: 'Email', ru: 'Эл. почта' },
      outletName: { en: 'Outlet (as given)', ru: 'Издание (как указано)' },
      outlet: { en: 'Outlet', ru: 'Издание' },
      position: { en: 'Position', ru: 'Должность' },
      country: { en: 'Country', ru: 'Страна' },
      languages: { en: 'Languages', ru: 'Языки' },
      timeZone: { en: 'Time zone', ru: 'Часовой пояс' },
      agreementVersion: { en: 'Embargo agreement version', ru: 'Версия соглашения об эмбарго' },
      agreementAcceptedAt: { en: 'Agreement accepted at', ru: 'Соглашение принято' },
      standing: { en: 'Decision', ru: 'Решение' },
      validUntil: { en: 'Valid until', ru: 'Действует до' },
      reason: { en: 'Reason', ru: 'Причина' },
      decidedAt: { en: 'Decided at', ru: 'Дата решения' },
      decidedBy: { en: 'Decided by', ru: 'Кто решил' },
    },
  },
  [TOPIC_UID]: {
    name: { en: 'Topic', ru: 'Тема' },
    fields: {
      name: { en: 'Name', ru: 'Название' },
      slug: { en: 'Slug (address)', ru: 'Адрес (slug)' },
      mediaTopic: {
        en: 'IPTC Media Topic code (medtop:20000568)',
        ru: 'Код IPTC Media Topic (medtop:20000568)',
      },
    },
  },
  [ENTITY_UID]: {
    name: { en: 'Entity', ru: 'Упоминание' },
    fields: {
      name: { en: 'Name', ru: 'Название' },
      kind: { en: 'Kind', ru: 'Вид' },
      uri: { en: 'Identifier (URI)', ru: 'Идентификатор (URI)' },
    },
  },
  [SOURCE_UID]: {
    name: { en: 'Source', ru: 'Источник' },
    fields: {
      name: { en: 'Name', ru: 'Название' },
      shortName: { en: 'Short name', ru: 'Краткое название' },
      url: { en: 'Website', ru: 'Сайт' },
    },
  },
  'shared.seo': {
    name: { en: 'SEO', ru: 'SEO' },
    fields: {
      metaTitle: { en: 'Title for search engines', ru: 'Заголовок для поисковиков' },
      metaDescription: { en: 'Description for search engines', ru: 'Описание для поисковиков' },
      canonicalUrl: { en: 'Canonical URL', ru: 'Канонический адрес' },
      image: { en: 'Image for social cards', ru: 'Изображение для соцсетей' },
    },
  },
};

export type PanelLanguage = 'en' | 'ru';

/**
 * The Content Manager names an enumeration's options (edit view, list filter) by a message whose id is the value
 * itself; the list's column shows the raw value, so the review stage's column asks the same messages
 * (review-history/review-stage-list.tsx).
 */
const ENUMERATION_OPTIONS: Labels = {
  ...STAGE_NAMES,
  // pressAccess
  none: { en: 'None (as before)', ru: 'Нет (как обычно)' },
  accredited: { en: 'Accredited', ru: 'Аккредитованы' },
  selected: { en: 'Selected outlets and journalists', ru: 'Выбранные издания и журналисты' },
  // an accreditation's decision
  requested: { en: 'Requested', ru: 'Запрошена' },
  refused: { en: 'Refused', ru: 'Отказано' },
  suspended: { en: 'Suspended', ru: 'Приостановлена' },
  revoked: { en: 'Revoked', ru: 'Отозвана' },
};

/** The translation entries for one panel language. */
export function fieldLabels(language: PanelLanguage): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const [uid, { name, fields }] of Object.entries(CONTENT_TYPES)) {
    entries[name.en] = name[language];
    for (const [field, label] of Object.entries(fields)) {
      entries[`content-manager.content-types.${uid}.${field}`] = label[language];
    }
  }
  for (const [id, label] of Object.entries(AUDIT_LABELS)) entries[id] = label[language];
  for (const [value, label] of Object.entries(ENUMERATION_OPTIONS)) entries[value] = label[language];
  return entries;
}
