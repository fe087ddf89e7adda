import { panelLabels, type PanelWords } from '../panel-labels';

/**
 * Words of the edit view's "Seen before the lift" panel, in each language the panel offers (ids under
 * `newsroom.pressAccess.`, looked up with react-intl like Strapi's own).
 */
const LABELS: PanelWords = {
  title: { en: 'Seen before the lift', ru: 'Видели до снятия эмбарго' },
  empty: { en: 'No journalist has seen this release before its lift.', ru: 'До снятия эмбарго релиз никто не видел.' },
  loading: { en: 'Loading…', ru: 'Загрузка…' },
  failed: { en: 'Could not load who has seen this release.', ru: 'Не удалось загрузить, кто видел релиз.' },
  forbidden: {
    en: 'Only an Editor may see who has read a release before its lift.',
    ru: 'Кто видел релиз до снятия эмбарго, видит только редактор.',
  },
  who: { en: '{email} ({outlet})', ru: '{email} ({outlet})' },
  what: { en: '{what}, {locale}, {when}, from {address}', ru: '{what}, {locale}, {when}, с адреса {address}' },
  list: { en: 'in the list', ru: 'в списке' },
  read: { en: 'read', ru: 'прочитал' },
  ninjs: { en: 'read as ninjs', ru: 'прочитал в ninjs' },
  newsml: { en: 'read as NewsML-G2', ru: 'прочитал в NewsML-G2' },
  file: { en: 'downloaded a file', ru: 'скачал файл' },
  kit: { en: 'downloaded the press kit', ru: 'скачал пресс-кит' },
  feed: { en: 'in the feed', ru: 'в ленте' },
  page: { en: 'read on the portal', ru: 'прочитал на портале' },
};

const labels = panelLabels('pressAccess', LABELS);

export const pressAccessLabelId = labels.id;
export const pressAccessLabels = labels.translations;
export const englishPressAccessLabel = labels.english;
