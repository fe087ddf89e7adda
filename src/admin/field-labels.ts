import { AUDIT_LABELS } from './audit/audit-labels';

/**
 * Labels of the newsroom's own content types and fields in the admin panel, in each language the panel offers.
 * The Content Manager looks a field's label up as `content-manager.content-types.<uid>.<field>`, and a content
 * type's name by its display name, so these keys are Strapi's own and need no component of ours.
 */
import { STAGE_NAMES } from '../editorial/review-workflow/review-stages';
import { ENTITY_UID, PRESS_RELEASE_UID, SOURCE_UID, TOPIC_UID } from '../platform/content-model/content-type-uids';

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
    },
  },
  [TOPIC_UID]: {
    name: { en: 'Topic', ru: 'Тема' },
    fields: { name: { en: 'Name', ru: 'Название' }, slug: { en: 'Slug (address)', ru: 'Адрес (slug)' } },
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
const ENUMERATION_OPTIONS: Labels = { ...STAGE_NAMES };

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
