import { panelLabels, type PanelWords } from '../panel-labels';

/**
 * Words of the release history in the edit view, in each language the panel offers (ids under `newsroom.history.`,
 * looked up with react-intl like Strapi's own).
 */
const LABELS: PanelWords = {
  action: { en: 'Version history', ru: 'История версий' },
  title: { en: 'Versions of this language', ru: 'Версии на этом языке' },
  empty: { en: 'No versions kept yet.', ru: 'Версий пока нет.' },
  loading: { en: 'Loading…', ru: 'Загрузка…' },
  failed: { en: 'Could not load the history.', ru: 'Не удалось загрузить историю.' },
  forbidden: { en: 'You may not see the history of this release.', ru: 'Вам недоступна история этого релиза.' },
  savedAt: { en: 'Saved', ru: 'Сохранено' },
  savedBy: { en: 'By', ru: 'Кто' },
  reason: { en: 'Why', ru: 'Причина' },
  nobody: { en: 'the system', ru: 'система' },
  field: { en: 'Field', ru: 'Поле' },
  version: { en: 'This version', ru: 'Эта версия' },
  current: { en: 'Current draft', ru: 'Текущий черновик' },
  changed: { en: 'changed', ru: 'изменено' },
  noChanges: { en: 'Same as the current draft.', ru: 'Совпадает с текущим черновиком.' },
  back: { en: 'Back to the list', ru: 'К списку' },
  restore: { en: 'Restore into the draft', ru: 'Восстановить в черновик' },
  restoreHint: {
    en: 'Restoring puts this content into the draft; nothing is published until you publish it.',
    ru: 'Восстановление переносит это содержимое в черновик; ничего не публикуется, пока вы не опубликуете.',
  },
  restored: { en: 'The version is in the draft now.', ru: 'Версия перенесена в черновик.' },
  restoreFailed: { en: 'Could not restore the version.', ru: 'Не удалось восстановить версию.' },
  'reason.save': { en: 'saved', ru: 'сохранение' },
  'reason.publish': { en: 'published', ru: 'публикация' },
  'reason.unpublish': { en: 'unpublished', ru: 'снятие с публикации' },
  'reason.discard': { en: 'draft discarded', ru: 'черновик отменён' },
  'reason.restore': { en: 'restored', ru: 'восстановление' },
  'reason.import': { en: 'imported', ru: 'импорт' },
};

const labels = panelLabels('history', LABELS);

export const historyLabelId = labels.id;
export const historyLabels = labels.translations;
export const englishLabel = labels.english;
