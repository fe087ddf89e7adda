/**
 * Words of the review-stage history in the edit view, in each language the panel offers (ids under
 * `newsroom.review.`, looked up with react-intl like Strapi's own). The stages' own names are field-labels.ts's.
 */
const LABELS: Record<string, { en: string; ru: string }> = {
  title: { en: 'Review stage history', ru: 'История этапов проверки' },
  empty: { en: 'The review stage has not been changed yet.', ru: 'Этап проверки ещё не менялся.' },
  loading: { en: 'Loading…', ru: 'Загрузка…' },
  failed: { en: 'Could not load the review history.', ru: 'Не удалось загрузить историю проверки.' },
  forbidden: {
    en: 'You may not see the review history of this release.',
    ru: 'Вам недоступна история проверки этого релиза.',
  },
  moved: { en: '{from} → {to}', ru: '{from} → {to}' },
  by: { en: '{name}, {when}', ru: '{name}, {when}' },
  system: { en: 'the system', ru: 'система' },
};

export const reviewLabelId = (key: string): string => `newsroom.review.${key}`;

export function reviewHistoryLabels(language: 'en' | 'ru'): Record<string, string> {
  return Object.fromEntries(Object.entries(LABELS).map(([key, words]) => [reviewLabelId(key), words[language]]));
}

/** The English words, as react-intl's default messages. */
export const englishReviewLabel = (key: string): string => LABELS[key]?.en ?? key;
