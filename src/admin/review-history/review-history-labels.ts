import { panelLabels, type PanelWords } from '../panel-labels';

/**
 * Words of the review-stage history in the edit view, in each language the panel offers (ids under
 * `newsroom.review.`, looked up with react-intl like Strapi's own). The stages' own names are field-labels.ts's.
 */
const LABELS: PanelWords = {
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

const labels = panelLabels('review', LABELS);

export const reviewLabelId = labels.id;
export const reviewHistoryLabels = labels.translations;
export const englishReviewLabel = labels.english;
