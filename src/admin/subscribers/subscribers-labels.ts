import { panelLabels, type PanelWords } from '../panel-labels';

/** Words of the "Subscribers" page (ids under `newsroom.subscribers.`). */
const LABELS: PanelWords = {
  title: { en: 'Subscribers', ru: 'Подписчики' },
  subtitle: {
    en:
      'Who receives releases by email: counts only. Addresses need their own permission, and every export is ' +
      'recorded.',
    ru: 'Кто получает релизы по почте: только числа. Адреса — по отдельному разрешению, каждая выгрузка записывается.',
  },
  language: { en: 'Language', ru: 'Язык' },
  confirmed: { en: 'Confirmed', ru: 'Подтвердили' },
  pending: { en: 'Waiting for confirmation', ru: 'Ждут подтверждения' },
  topic: { en: 'Topic', ru: 'Тема' },
  everyTopic: { en: 'Every release (no topic chosen)', ru: 'Все релизы (темы не выбраны)' },
  suppressed: { en: 'Addresses no mail goes to (bounced)', ru: 'Адреса, на которые больше не пишем (отказы)' },
  export: { en: 'Export addresses (CSV)', ru: 'Выгрузить адреса (CSV)' },
  releaseEmails: { en: 'Emails of the newest releases', ru: 'Письма о последних релизах' },
  trackingOn: {
    en: 'Opens and clicks are counted (MAIL_TRACKING=on): numbers only, never who.',
    ru: 'Открытия и переходы считаются (MAIL_TRACKING=on): только числа, без имён.',
  },
  trackingOff: {
    en: 'Opens and clicks are not counted: an operator turns it on with MAIL_TRACKING=on.',
    ru: 'Открытия и переходы не считаются: их включает оператор (MAIL_TRACKING=on).',
  },
  release: { en: 'Release', ru: 'Релиз' },
  sent: { en: 'Sent', ru: 'Отправлено' },
  waiting: { en: 'Waiting (digests and retries)', ru: 'Ждут (дайджесты и повторы)' },
  failed: { en: 'Failed', ru: 'Не доставлено' },
  opens: { en: 'Opens', ru: 'Открытия' },
  clicks: { en: 'Clicks', ru: 'Переходы' },
};

const labels = panelLabels('subscribers', LABELS);

export const subscribersLabelId = labels.id;
export const subscribersLabels = labels.translations;
export const subscribersEnglish = labels.english;
