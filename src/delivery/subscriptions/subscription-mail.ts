import { escapeUTF8 as escape } from 'entities';
import type { OutgoingMail } from '../../platform/mail/send-mail';
import type { PublicRelease } from '../../read-side/public-shape';
import { coverImageOf } from '../../read-side/read-model/cover-image';
import { releaseUrl } from '../../read-side/public-urls';
import { subscriberToken, type SubscriberRow } from './subscribers';
import { trackingUrls } from './mail-tracking';

/**
 * The emails of a subscription: the confirmation (double opt-in), the note to an address already subscribed, and a
 * release at go-live, each as plain text and HTML, in the subscriber's language (Russian or English; another language's
 * subscribers read the frame in English, the release in their own). Every release email carries the RFC 8058
 * one-click unsubscribe pair and a List-Id, as Gmail and Yahoo require of bulk senders, and says why it was sent.
 */

export interface MailContext {
  apiUrl: string;
  siteUrl: string;
  publicationName: string;
  /** The domain of Message-IDs and of the List-Id. */
  domain: string;
  /** MAIL_TRACKING=on: release emails count opens and clicks (mail-tracking.ts). */
  tracking?: boolean;
}

const WORDS = {
  en: {
    confirmSubject: (name: string) => `Confirm your subscription to ${name} press releases`,
    confirmText: (name: string) =>
      `Someone, hopefully you, asked to receive press releases from ${name} at this address. ` +
      'Nothing is sent until you confirm:',
    confirmButton: 'Confirm my subscription',
    ignore: 'If it was not you, ignore this email: you will not hear from us again.',
    alreadySubject: (name: string) => `You are subscribed to ${name} press releases`,
    alreadyText: (name: string) =>
      `Someone asked to subscribe this address to ${name} press releases. It is subscribed already; ` +
      'you can change what you receive, or unsubscribe, here:',
    preferences: 'Change what you receive',
    read: 'Read the release',
    why: (name: string, at: string) => `You receive this because you subscribed to ${name} press releases on ${at}.`,
    unsubscribe: 'Unsubscribe',
    digestSubject: (name: string, count: number) => `${name}: ${count} press release${count === 1 ? '' : 's'} today`,
    digestWhy: (name: string, at: string) =>
      `You receive this once a day because you subscribed to ${name} press releases on ${at}.`,
    tracked: 'This email counts, per release, how often it is opened and its link followed; never by whom.',
  },
  ru: {
    confirmSubject: (name: string) => `Подтвердите подписку на пресс-релизы: ${name}`,
    confirmText: (name: string) =>
      `Кто-то, надеемся, вы, попросил присылать на этот адрес пресс-релизы: ${name}. ` +
      'Пока вы не подтвердите подписку, мы ничего не пришлём:',
    confirmButton: 'Подтвердить подписку',
    ignore: 'Если это были не вы, просто не отвечайте: больше писем не будет.',
    alreadySubject: (name: string) => `Вы подписаны на пресс-релизы: ${name}`,
    alreadyText: (name: string) =>
      `Кто-то попросил подписать этот адрес на пресс-релизы: ${name}. Адрес уже подписан; ` +
      'изменить подписку или отписаться можно здесь:',
    preferences: 'Изменить подписку',
    read: 'Читать релиз',
    why: (name: string, at: string) =>
      `Вы получили это письмо, потому что подписались на пресс-релизы (${name}) ${at}.`,
    unsubscribe: 'Отписаться',
    digestSubject: (name: string, count: number) => `${name}: пресс-релизов за день — ${count}`,
    digestWhy: (name: string, at: string) =>
      `Вы получаете это письмо раз в день, потому что подписались на пресс-релизы (${name}) ${at}.`,
    tracked: 'Это письмо считает, сколько раз релиз открыли и перешли по ссылке; кто именно — не записывается.',
  },
};
type Words = (typeof WORDS)['en'];
const wordsFor = (locale: string): Words => (locale === 'ru' ? WORDS.ru : WORDS.en);

export const subscriptionLinks = (context: MailContext, subscriber: SubscriberRow) => ({
  confirm: `${context.apiUrl}/api/subscriptions/confirm?token=${subscriberToken(subscriber, 'confirm')}`,
  preferences: `${context.apiUrl}/api/subscriptions/preferences?token=${subscriberToken(subscriber, 'manage')}`,
  unsubscribe: `${context.apiUrl}/api/subscriptions/unsubscribe?token=${subscriberToken(subscriber, 'manage')}`,
});

const page = (lang: string, body: string) =>
  `<!doctype html><html lang="${escape(lang)}"><head><meta charset="utf-8"></head>` +
  `<body style="font-family:sans-serif;max-width:40em;margin:auto;line-height:1.5">${body}</body></html>`;
const button = (href: string, label: string) =>
  `<p><a href="${escape(href)}" style="display:inline-block;padding:.6em 1.2em;background:#1b4d8c;color:#fff;` +
  `text-decoration:none;border-radius:4px">${escape(label)}</a></p>`;

/** The double opt-in: nothing but this is sent until its link is followed. */
export function confirmationMail(context: MailContext, subscriber: SubscriberRow): OutgoingMail {
  const words = wordsFor(subscriber.locale);
  const link = subscriptionLinks(context, subscriber).confirm;
  const name = context.publicationName;
  return {
    to: subscriber.email,
    subject: words.confirmSubject(name),
    text: `${words.confirmText(name)}\n\n${link}\n\n${words.ignore}\n`,
    html: page(
      subscriber.locale,
      `<p>${escape(words.confirmText(name))}</p>${button(link, words.confirmButton)}<p>${escape(words.ignore)}</p>`,
    ),
  };
}

/** To an address subscribed already: the same request gets the same answer, and the owner a way to manage it. */
export function alreadySubscribedMail(context: MailContext, subscriber: SubscriberRow): OutgoingMail {
  const words = wordsFor(subscriber.locale);
  const link = subscriptionLinks(context, subscriber).preferences;
  const name = context.publicationName;
  return {
    to: subscriber.email,
    subject: words.alreadySubject(name),
    text: `${words.alreadyText(name)}\n\n${link}\n\n${words.ignore}\n`,
    html: page(
      subscriber.locale,
      `<p>${escape(words.alreadyText(name))}</p>${button(link, words.preferences)}<p>${escape(words.ignore)}</p>`,
    ),
  };
}

/** The List-Id of release emails: one list, named after the publication (RFC 2919). */
export const listId = (context: MailContext) =>
  `${context.publicationName.replace(/[<>"\r\n]/g, '')} press releases <press-releases.${context.domain}>`;

/** The headers of every email of the list: RFC 8058's one-click pair, its List-Id, and no auto-replies. */
function listHeaders(context: MailContext, links: ReturnType<typeof subscriptionLinks>): Record<string, string> {
  return {
    // RFC 8058: a mail client's "Unsubscribe" POSTs List-Unsubscribe=One-Click to the URL; no page, no log-in.
    'List-Unsubscribe': `<${links.unsubscribe}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    'List-Id': listId(context),
    // Bulk mail: no auto-replies (RFC 3834).
    'Auto-Submitted': 'auto-generated',
    Precedence: 'bulk',
  };
}

/** Why it came and how to change or stop it, at the foot of every email of the list. */
function footer(words: Words, links: ReturnType<typeof subscriptionLinks>, why: string) {
  return {
    text: ['--', why, `${words.preferences}: ${links.preferences}`, `${words.unsubscribe}: ${links.unsubscribe}`],
    html:
      `<hr><p style="font-size:.85em;color:#555">${escape(why)}<br>` +
      `<a href="${escape(links.preferences)}">${escape(words.preferences)}</a> · ` +
      `<a href="${escape(links.unsubscribe)}">${escape(words.unsubscribe)}</a></p>`,
  };
}

/** A subscriber's daily digest: each release's headline (linked), kicker and lead, in the order they went live. */
export function digestMail(
  context: MailContext,
  subscriber: SubscriberRow,
  releases: PublicRelease[],
  messageId: string,
): OutgoingMail {
  const words = wordsFor(subscriber.locale);
  const links = subscriptionLinks(context, subscriber);
  const subscribedOn = new Date(subscriber.consent_at).toISOString().slice(0, 10);
  const foot = footer(words, links, words.digestWhy(context.publicationName, subscribedOn));
  const entries = releases.map((release) => ({
    release,
    url: releaseUrl(context.siteUrl, release.locale, release.slug),
  }));
  const text = [
    ...entries.map(({ release, url }) =>
      [release.kicker, release.headline, release.lead, url].filter((part) => part && part.trim()).join('\n'),
    ),
    ...foot.text,
  ].join('\n\n');
  const html = page(
    subscriber.locale,
    entries
      .map(
        ({ release, url }) =>
          (release.kicker ? `<p style="color:#555;margin-bottom:0">${escape(release.kicker)}</p>` : '') +
          `<h2 style="font-size:1.2em"><a href="${escape(url)}">${escape(release.headline)}</a></h2>` +
          (release.lead ? `<p>${escape(release.lead)}</p>` : ''),
      )
      .join('') + foot.html,
  );
  return {
    to: subscriber.email,
    subject: words.digestSubject(context.publicationName, releases.length),
    text: `${text}\n`,
    html,
    messageId,
    headers: listHeaders(context, links),
  };
}

/** A release at go-live, to one subscriber: headline, lead, cover and its alternative text, a link to the article. */
export function releaseMail(
  context: MailContext,
  subscriber: SubscriberRow,
  release: PublicRelease,
  messageId: string,
): OutgoingMail {
  const words = wordsFor(subscriber.locale);
  const links = subscriptionLinks(context, subscriber);
  const tracking = context.tracking ? trackingUrls(context.apiUrl, release) : undefined;
  // With tracking on, the article link passes through the click counter, which sends the reader on to the same page.
  const url = tracking?.clicked ?? releaseUrl(context.siteUrl, release.locale, release.slug);
  const cover = coverImageOf(release, context.apiUrl);
  const picture = cover?.renditions.find((size) => size.width >= 600 && size.width <= 1000) ?? cover?.original;
  const subscribedOn = new Date(subscriber.consent_at).toISOString().slice(0, 10);
  const why = [words.why(context.publicationName, subscribedOn), tracking ? words.tracked : '']
    .filter(Boolean)
    .join(' ');
  const foot = footer(words, links, why);
  const text = [release.kicker, release.headline, release.lead, `${words.read}: ${url}`, ...foot.text]
    .filter((part): part is string => Boolean(part && part.trim()))
    .join('\n\n');
  const html = page(
    release.locale,
    [
      release.kicker ? `<p style="color:#555">${escape(release.kicker)}</p>` : '',
      `<h1 style="font-size:1.5em"><a href="${escape(url)}">${escape(release.headline)}</a></h1>`,
      picture && cover
        ? `<p><img src="${escape(picture.url)}" alt="${escape(cover.alt)}" width="${picture.width}" ` +
          `height="${picture.height}" style="max-width:100%;height:auto"></p>`
        : '',
      release.lead ? `<p>${escape(release.lead)}</p>` : '',
      button(url, words.read),
      foot.html,
      tracking ? `<img src="${escape(tracking.opened)}" width="1" height="1" alt="">` : '',
    ].join(''),
  );
  return {
    to: subscriber.email,
    subject: release.headline,
    text: `${text}\n`,
    html,
    messageId,
    headers: listHeaders(context, links),
  };
}
