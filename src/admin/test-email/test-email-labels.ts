import { panelLabels, type PanelWords } from '../panel-labels';

/** Words of the edit view's "Subscribers' email" panel (ids under `newsroom.testEmail.`). */
const LABELS: PanelWords = {
  title: { en: "Subscribers' email", ru: 'Письмо подписчикам' },
  explain: {
    en: 'Subscribers get this release by email when it goes live. See it first: the draft as it is now, to you.',
    ru: 'Подписчики получат релиз по почте, когда он выйдет. Посмотрите письмо заранее: черновик как есть, вам.',
  },
  send: { en: 'Send me a test email', ru: 'Прислать мне пробное письмо' },
  sent: { en: 'Sent to {email}.', ru: 'Отправлено на {email}.' },
  failed: { en: 'Not sent: {reason}', ru: 'Не отправлено: {reason}' },
};

const labels = panelLabels('testEmail', LABELS);

export const testEmailLabelId = labels.id;
export const testEmailLabels = labels.translations;
export const testEmailEnglish = labels.english;
