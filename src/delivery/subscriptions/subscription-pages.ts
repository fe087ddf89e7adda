import { escapeUTF8 as escape } from 'entities';
import type { SubscriberRow } from './subscribers';

/**
 * The pages a subscriber reaches from an email: confirm, change what they receive, download or delete what is kept,
 * unsubscribe. Plain HTML forms (no script), in the subscriber's language. A link only shows a page; every change is
 * a POST of its form, so a mail scanner that follows links changes nothing.
 */

const WORDS = {
  en: {
    title: 'Press release emails',
    confirmIntro: 'Confirm that you want press releases by email at',
    confirm: 'Confirm my subscription',
    confirmed: 'You are subscribed. The next press release will reach you by email.',
    invalid: 'This link is not valid: the subscription may have been deleted. Subscribe again from the website.',
    preferencesIntro: 'What you receive at',
    language: 'Language of the releases and emails',
    topics: 'Topics (none ticked: every release)',
    cadence: 'How often',
    instant: 'Each release when it goes live',
    daily: 'Once a day, all of the day’s releases in one email',
    save: 'Save',
    saved: 'Saved.',
    download: 'Download what is kept about me (JSON)',
    remove: 'Unsubscribe and delete what is kept about me',
    unsubscribeIntro: 'Stop the press release emails to',
    unsubscribe: 'Unsubscribe',
    unsubscribed: 'You are unsubscribed, and nothing about you is kept. No more emails will come.',
    checkInbox:
      'Thank you. If this address can receive our emails, a message is on its way: follow its link to confirm.',
  },
  ru: {
    title: 'Пресс-релизы по почте',
    confirmIntro: 'Подтвердите, что хотите получать пресс-релизы по адресу',
    confirm: 'Подтвердить подписку',
    confirmed: 'Подписка оформлена. Следующий пресс-релиз придёт вам по почте.',
    invalid: 'Ссылка недействительна: возможно, подписка удалена. Подпишитесь снова на сайте.',
    preferencesIntro: 'Что вы получаете по адресу',
    language: 'Язык релизов и писем',
    topics: 'Темы (если ничего не отмечено — все релизы)',
    cadence: 'Как часто',
    instant: 'Каждый релиз, как только он выходит',
    daily: 'Раз в день: все релизы за день одним письмом',
    save: 'Сохранить',
    saved: 'Сохранено.',
    download: 'Скачать, что о вас хранится (JSON)',
    remove: 'Отписаться и удалить, что о вас хранится',
    unsubscribeIntro: 'Больше не присылать пресс-релизы на адрес',
    unsubscribe: 'Отписаться',
    unsubscribed: 'Вы отписались, никаких ваших данных больше не хранится. Писем больше не будет.',
    checkInbox: 'Спасибо. Если на этот адрес можно писать, письмо уже в пути: подтвердите подписку по ссылке в нём.',
  },
};
type Words = (typeof WORDS)['en'];
export const pageWords = (locale: string): Words => (locale === 'ru' ? WORDS.ru : WORDS.en);

const page = (locale: string, body: string) =>
  `<!doctype html><html lang="${escape(locale)}"><head><meta charset="utf-8">` +
  `<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">` +
  `<title>${escape(pageWords(locale).title)}</title></head><body><main><h1>${escape(pageWords(locale).title)}</h1>` +
  `${body}</main></body></html>`;

const hidden = (name: string, value: string) => `<input type="hidden" name="${escape(name)}" value="${escape(value)}">`;

export const messagePage = (locale: string, message: string) => page(locale, `<p role="status">${escape(message)}</p>`);

export function confirmPage(subscriber: SubscriberRow, token: string, action: string): string {
  const words = pageWords(subscriber.locale);
  return page(
    subscriber.locale,
    `<p>${escape(words.confirmIntro)} <strong>${escape(subscriber.email)}</strong>.</p>` +
      `<form method="post" action="${escape(action)}">${hidden('token', token)}` +
      `<button type="submit">${escape(words.confirm)}</button></form>`,
  );
}

export function preferencesPage(
  subscriber: SubscriberRow,
  options: {
    token: string;
    locales: { code: string; name: string }[];
    topics: { documentId: string; name: string }[];
    paths: { preferences: string; data: string; remove: string };
    saved?: boolean;
  },
): string {
  const words = pageWords(subscriber.locale);
  const chosen = new Set(subscriber.topics);
  const languages = options.locales
    .map(
      ({ code, name }) =>
        `<option value="${escape(code)}"${code === subscriber.locale ? ' selected' : ''}>${escape(name)}</option>`,
    )
    .join('');
  const topics = options.topics
    .map(
      ({ documentId, name }) =>
        `<li><label><input type="checkbox" name="topics" value="${escape(documentId)}"` +
        `${chosen.has(documentId) ? ' checked' : ''}> ${escape(name)}</label></li>`,
    )
    .join('');
  return page(
    subscriber.locale,
    (options.saved ? `<p role="status">${escape(words.saved)}</p>` : '') +
      `<p>${escape(words.preferencesIntro)} <strong>${escape(subscriber.email)}</strong></p>` +
      `<form method="post" action="${escape(options.paths.preferences)}">${hidden('token', options.token)}` +
      `<p><label>${escape(words.language)} <select name="locale">${languages}</select></label></p>` +
      `<fieldset><legend>${escape(words.topics)}</legend><ul>${topics}</ul></fieldset>` +
      `<fieldset><legend>${escape(words.cadence)}</legend>` +
      (['instant', 'daily'] as const)
        .map(
          (cadence) =>
            `<p><label><input type="radio" name="cadence" value="${cadence}"` +
            `${subscriber.cadence === cadence ? ' checked' : ''}> ${escape(words[cadence])}</label></p>`,
        )
        .join('') +
      `</fieldset>` +
      `<button type="submit">${escape(words.save)}</button></form>` +
      `<p><a href="${escape(`${options.paths.data}?token=${options.token}`)}">${escape(words.download)}</a></p>` +
      `<form method="post" action="${escape(options.paths.remove)}">${hidden('token', options.token)}` +
      `<button type="submit">${escape(words.remove)}</button></form>`,
  );
}

export function unsubscribePage(subscriber: SubscriberRow, token: string, action: string): string {
  const words = pageWords(subscriber.locale);
  return page(
    subscriber.locale,
    `<p>${escape(words.unsubscribeIntro)} <strong>${escape(subscriber.email)}</strong>.</p>` +
      `<form method="post" action="${escape(action)}">${hidden('token', token)}` +
      `<button type="submit">${escape(words.unsubscribe)}</button></form>`,
  );
}
