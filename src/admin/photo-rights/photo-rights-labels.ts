import { panelLabels, type PanelWords } from '../panel-labels';

/** Words of the media library's "Photo rights" page (ids under `newsroom.photoRights.`). */
const LABELS: PanelWords = {
  title: { en: 'Photo rights', ru: 'Права на фото' },
  subtitle: {
    en:
      'The credit of each photo, as it travels with the photo: corrected here, it is written into the photo file ' +
      'and every size of it.',
    ru:
      'Подпись и права каждого фото — то, что уходит вместе с ним: исправленное здесь записывается в сам файл ' +
      'и во все его размеры.',
  },
  search: { en: 'Search by file name', ru: 'Поиск по имени файла' },
  apply: { en: 'Search', ru: 'Найти' },
  photo: { en: 'Photo', ru: 'Фото' },
  creator: { en: 'Creator', ru: 'Автор' },
  creatorHint: { en: 'Several creators: separate them with ";".', ru: 'Несколько авторов — через «;».' },
  creditLine: { en: 'Credit line', ru: 'Строка кредита' },
  copyrightNotice: { en: 'Copyright notice', ru: 'Уведомление об авторском праве' },
  licenseUrl: { en: 'Licence URL', ru: 'Адрес лицензии' },
  edit: { en: 'Edit', ru: 'Изменить' },
  save: { en: 'Save into the files', ru: 'Записать в файлы' },
  cancel: { en: 'Cancel', ru: 'Отмена' },
  saved: { en: 'Saved into the photo and every size of it.', ru: 'Записано в фото и во все его размеры.' },
  empty: { en: 'No JPEG, PNG or WebP photo in the media library.', ru: 'В медиатеке нет фото JPEG, PNG или WebP.' },
  previous: { en: 'Previous', ru: 'Назад' },
  next: { en: 'Next', ru: 'Дальше' },
  page: { en: 'Page {page} of {pageCount}', ru: 'Страница {page} из {pageCount}' },
};

const labels = panelLabels('photoRights', LABELS);

export const photoRightsLabelId = labels.id;
export const photoRightsLabels = labels.translations;
export const photoRightsEnglish = labels.english;
