import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { TOPIC_UID } from '../../platform/content-model/content-type-uids';
import { NEWSROOM_LOCALES } from '../../platform/content-model/locales';
import { settings } from '../../platform/settings/newsroom-settings';
import { checkedInput } from '../../platform/validation/checked-input';

/**
 * Email subscribers: an address, the language of its emails, the topics it asked for (none: every release in that
 * language), and what it agreed to and when. Nothing else is kept about a person. A request to subscribe always gets
 * the same answer, known address or not; only a click on the emailed link (double opt-in) makes a subscriber who is
 * sent releases. The links in every email carry a token signed for that subscriber (no account, no password).
 */

export const SUBSCRIBERS = 'newsroom_subscribers';
export const SUPPRESSIONS = 'newsroom_mail_suppressions';
const REQUESTS = 'newsroom_subscribe_requests';

export interface SubscriberRow {
  id: string;
  email: string;
  locale: string;
  topics: string[];
  cadence: 'instant' | 'daily';
  status: 'pending' | 'confirmed';
  consent_at: Date;
  consent_text: string;
  confirmed_at: Date | null;
  created_at: Date;
}

/** The wording a person agrees to, in the language of the form, kept with their subscription. */
export const CONSENT_TEXT: Record<string, string> = {
  ru:
    'Я хочу получать пресс-релизы по электронной почте. Мой адрес используется только для этих писем; ' +
    'отписаться можно по ссылке в каждом письме.',
  en:
    'I want to receive press releases by email. My address is used for these emails only; every email has a link ' +
    'to unsubscribe.',
};
export const consentText = (locale: string): string => CONSENT_TEXT[locale] ?? CONSENT_TEXT.en;

const LOCALE_CODES = NEWSROOM_LOCALES.map((locale) => locale.code) as [string, ...string[]];

const REQUEST = z
  .object({
    email: z
      .string()
      .trim()
      .toLowerCase()
      .max(254, { message: 'at most 254 characters' })
      .pipe(z.email({ message: 'an email address' })),
    locale: z.enum(LOCALE_CODES, { message: `one of ${LOCALE_CODES.join(', ')}` }),
    topics: z.array(z.string().max(64)).max(100).default([]),
  })
  .strict();

export type SubscriptionRequest = z.infer<typeof REQUEST>;

/** A request to subscribe as the API takes it (a ValidationError naming what is wrong otherwise). */
export function checkedSubscriptionRequest(input: unknown): SubscriptionRequest {
  return checkedInput(REQUEST, input ?? {}, { what: 'Subscription' });
}

/** The public topics by documentId, to check a request's and show them on the preferences page. */
export async function publicTopics(
  strapi: Core.Strapi,
  locale: string,
): Promise<{ documentId: string; name: string }[]> {
  return (await strapi.documents(TOPIC_UID).findMany({
    locale,
    status: 'published',
    fields: ['name'],
    sort: 'name:asc',
    limit: 500,
  })) as unknown as { documentId: string; name: string }[];
}

/** The topics asked for that exist (in any language), or a ValidationError naming the others. */
export async function knownTopics(strapi: Core.Strapi, asked: readonly string[]): Promise<string[]> {
  const wanted = [...new Set(asked)];
  if (wanted.length === 0) return [];
  const found = new Set(
    (
      (await strapi.db
        .query(TOPIC_UID)
        .findMany({ select: ['documentId'], where: { documentId: { $in: wanted } } })) as { documentId: string }[]
    ).map((row) => row.documentId),
  );
  const unknown = wanted.filter((topic) => !found.has(topic));
  if (unknown.length > 0) throw new SubscriptionInputError(`Subscription: no such topic ${unknown.join(', ')}`);
  return wanted;
}

export class SubscriptionInputError extends Error {}
export class SubscriptionRateLimited extends Error {}

/**
 * Counts a request to subscribe against its limits per hour, per client address and per email address, across
 * instances (a table, not memory); over either, SubscriptionRateLimited. Requests older than a day are dropped.
 */
export async function countSubscribeRequest(strapi: Core.Strapi, ip: string, email: string): Promise<void> {
  const values = settings();
  const keys = [
    { key: `ip:${ip}`.slice(0, 80), max: values.SUBSCRIBE_LIMIT_PER_CLIENT },
    { key: `email:${createHash('sha256').update(email).digest('hex')}`, max: values.SUBSCRIBE_LIMIT_PER_ADDRESS },
  ];
  const knex = strapi.db.connection;
  await knex(REQUESTS).where('requested_at', '<', knex.raw(`now() - interval '1 day'`)).del();
  for (const { key, max } of keys) {
    const [{ count }] = (await knex(REQUESTS)
      .where({ key })
      .where('requested_at', '>', knex.raw(`now() - interval '1 hour'`))
      .count({ count: '*' })) as { count: string }[];
    if (Number(count) >= max) throw new SubscriptionRateLimited('Too many requests to subscribe: try again later.');
  }
  await knex(REQUESTS).insert(keys.map(({ key }) => ({ key })));
}

// --- Links ---

export type LinkPurpose = 'confirm' | 'manage';

/** The key the links are signed with: SUBSCRIPTION_LINK_SECRET, else derived from JWT_SECRET (never the JWT key). */
function linkKey(): Buffer {
  const values = settings();
  if (values.SUBSCRIPTION_LINK_SECRET) return Buffer.from(values.SUBSCRIPTION_LINK_SECRET);
  return createHash('sha256').update(`newsroom subscription links\u0000${values.JWT_SECRET}`).digest();
}

/** Signed over the subscriber's id and creation time: it lasts as long as the subscription, and dies with it. */
const mac = (subscriber: Pick<SubscriberRow, 'id' | 'created_at'>, purpose: LinkPurpose) =>
  createHmac('sha256', linkKey())
    .update(`${purpose}\u0000${subscriber.id}\u0000${new Date(subscriber.created_at).toISOString()}`)
    .digest('base64url');

export const subscriberToken = (subscriber: Pick<SubscriberRow, 'id' | 'created_at'>, purpose: LinkPurpose) =>
  `${subscriber.id}.${mac(subscriber, purpose)}`;

/** The subscriber a token was signed for, or null (malformed, forged, or the subscription is gone). */
export async function subscriberOfToken(
  strapi: Core.Strapi,
  token: unknown,
  purpose: LinkPurpose,
): Promise<SubscriberRow | null> {
  const match = typeof token === 'string' ? /^([1-9][0-9]{0,17})\.([\w-]{43})$/.exec(token) : null;
  if (!match) return null;
  const subscriber = (await strapi.db.connection(SUBSCRIBERS).where({ id: match[1] }).first()) as
    SubscriberRow | undefined;
  if (!subscriber) return null;
  const [given, expected] = [Buffer.from(match[2]), Buffer.from(mac(subscriber, purpose))];
  return given.length === expected.length && timingSafeEqual(given, expected) ? subscriber : null;
}

// --- Changes ---

/**
 * A request to subscribe, written: a new address as pending (it waits for its confirmation), an address still pending
 * with the new request's choices, a confirmed one untouched (someone else may have typed it). Returns the row and
 * whether it was confirmed already, for the email to send; the caller's answer is the same either way.
 */
export async function writeSubscriptionRequest(
  strapi: Core.Strapi,
  request: SubscriptionRequest,
): Promise<{ subscriber: SubscriberRow; alreadyConfirmed: boolean }> {
  return strapi.db.transaction(async ({ trx }) => {
    const existing = (await trx(SUBSCRIBERS).where({ email: request.email }).forUpdate().first()) as
      SubscriberRow | undefined;
    if (existing?.status === 'confirmed') return { subscriber: existing, alreadyConfirmed: true };
    const choices = {
      locale: request.locale,
      topics: request.topics,
      consent_at: new Date(),
      consent_text: consentText(request.locale),
    };
    const [subscriber] = existing
      ? ((await trx(SUBSCRIBERS).where({ id: existing.id }).update(choices).returning('*')) as SubscriberRow[])
      : ((await trx(SUBSCRIBERS)
          .insert({ email: request.email, ...choices })
          .returning('*')) as SubscriberRow[]);
    return { subscriber, alreadyConfirmed: false };
  });
}

export async function noteConfirmationSent(strapi: Core.Strapi, subscriber: SubscriberRow): Promise<void> {
  await strapi.db
    .connection(SUBSCRIBERS)
    .where({ id: subscriber.id })
    .update({
      confirmations_sent: strapi.db.connection.raw('confirmations_sent + 1'),
      last_confirmation_at: new Date(),
    });
}

/** The click on the emailed link: the subscriber is confirmed (once; a second click changes nothing). */
export async function confirmSubscriber(strapi: Core.Strapi, subscriber: SubscriberRow): Promise<SubscriberRow> {
  if (subscriber.status === 'confirmed') return subscriber;
  const [confirmed] = (await strapi.db
    .connection(SUBSCRIBERS)
    .where({ id: subscriber.id })
    .update({ status: 'confirmed', confirmed_at: new Date() })
    .returning('*')) as SubscriberRow[];
  return confirmed;
}

const PREFERENCES = z
  .object({
    locale: z.enum(LOCALE_CODES, { message: `one of ${LOCALE_CODES.join(', ')}` }),
    topics: z.array(z.string().max(64)).max(100).default([]),
    cadence: z.enum(['instant', 'daily'], { message: 'instant or daily' }).optional(),
  })
  .strict();

export async function updatePreferences(strapi: Core.Strapi, subscriber: SubscriberRow, input: unknown) {
  const preferences = checkedInput(PREFERENCES, input ?? {}, { what: 'Preferences' });
  const topics = await knownTopics(strapi, preferences.topics);
  const [updated] = (await strapi.db
    .connection(SUBSCRIBERS)
    .where({ id: subscriber.id })
    .update({ locale: preferences.locale, topics, ...(preferences.cadence ? { cadence: preferences.cadence } : {}) })
    .returning('*')) as SubscriberRow[];
  return updated;
}

/** Everything kept about a subscriber, as they download it from their preferences page. */
export async function subscriberData(strapi: Core.Strapi, subscriber: SubscriberRow) {
  const sent = (await strapi.db
    .connection('newsroom_subscription_mail')
    .where({ subscriber_id: subscriber.id })
    .orderBy('created_at')
    .select('document_id', 'locale', 'state', 'sent_at')) as Record<string, unknown>[];
  return {
    email: subscriber.email,
    language: subscriber.locale,
    topics: subscriber.topics,
    cadence: subscriber.cadence,
    status: subscriber.status,
    consent: { at: subscriber.consent_at, wording: subscriber.consent_text },
    confirmedAt: subscriber.confirmed_at,
    subscribedAt: subscriber.created_at,
    emails: sent.map((row) => ({
      release: row.document_id,
      locale: row.locale,
      state: row.state,
      sentAt: row.sent_at,
    })),
  };
}

/** Unsubscribing deletes the subscriber and all kept about them (their emails' records go with them). */
export async function deleteSubscriber(strapi: Core.Strapi, subscriber: Pick<SubscriberRow, 'id'>): Promise<void> {
  await strapi.db.connection(SUBSCRIBERS).where({ id: subscriber.id }).del();
}

/** No mail goes to this address any more (a permanent failure, a complaint); a subscriber of it is removed. */
export async function suppressAddress(strapi: Core.Strapi, email: string, reason: string, detail?: string) {
  const address = email.trim().toLowerCase();
  await strapi.db
    .connection(SUPPRESSIONS)
    .insert({ email: address, reason, detail: detail?.slice(0, 2000) ?? null })
    .onConflict('email')
    .merge(['reason', 'detail', 'suppressed_at']);
}

export async function isSuppressed(strapi: Core.Strapi, email: string): Promise<boolean> {
  return Boolean(await strapi.db.connection(SUPPRESSIONS).where({ email: email.toLowerCase() }).first('email'));
}
