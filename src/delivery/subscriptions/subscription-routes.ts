import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { NEWSROOM_LOCALES } from '../../platform/content-model/locales';
import { sendMail } from '../../platform/mail/send-mail';
import { mailContext } from './subscription-outbox';
import { receiveMailNotice } from './bounce-webhook';
import { countClick, countOpen } from './mail-tracking';
import { alreadySubscribedMail, confirmationMail } from './subscription-mail';
import { confirmPage, messagePage, pageWords, preferencesPage, unsubscribePage } from './subscription-pages';
import {
  checkedSubscriptionRequest,
  confirmSubscriber,
  countSubscribeRequest,
  deleteSubscriber,
  knownTopics,
  noteConfirmationSent,
  publicTopics,
  subscriberData,
  subscriberOfToken,
  SubscriptionInputError,
  SubscriptionRateLimited,
  updatePreferences,
  writeSubscriptionRequest,
  type LinkPurpose,
  type SubscriberRow,
} from './subscribers';

interface SubscriptionContext {
  query: Record<string, unknown>;
  request: { body?: unknown; ip?: string; type?: string };
  status: number;
  body: unknown;
  type: string;
  set(field: string, value: string): void;
  accepts(...types: string[]): string | false;
}

const PATHS = {
  confirm: '/api/subscriptions/confirm',
  preferences: '/api/subscriptions/preferences',
  data: '/api/subscriptions/data',
  unsubscribe: '/api/subscriptions/unsubscribe',
  remove: '/api/subscriptions/delete',
};

/** A form's field that may come once or several times (checkboxes) as a list. */
const listOf = (value: unknown): string[] =>
  value === undefined || value === '' ? [] : (Array.isArray(value) ? value : [value]).map(String);

const fieldsOf = (ctx: SubscriptionContext): Record<string, unknown> =>
  (ctx.request.body && typeof ctx.request.body === 'object' ? ctx.request.body : {}) as Record<string, unknown>;

/** Pages and answers about one subscriber: never cached, never indexed. */
function privatePage(ctx: SubscriptionContext, html: string, status = 200) {
  ctx.set('Cache-Control', 'private, no-store');
  ctx.set('X-Robots-Tag', 'noindex');
  ctx.set('Referrer-Policy', 'no-referrer');
  ctx.status = status;
  ctx.type = 'text/html; charset=utf-8';
  ctx.body = html;
}

/**
 * The routes of src/api/subscription: POST /api/subscriptions answers 202 whatever the address (known, unknown,
 * confirmed or not) and sends its email after answering, so neither the answer nor its time tells; the rest are a
 * subscriber's own pages, reached with the signed token of their emails.
 */
export function subscriptionController(strapi: Core.Strapi) {
  const withToken = async (ctx: SubscriptionContext, purpose: LinkPurpose): Promise<[SubscriberRow, string] | null> => {
    const token = String(ctx.query.token ?? fieldsOf(ctx).token ?? '');
    const subscriber = await subscriberOfToken(strapi, token, purpose);
    if (!subscriber) {
      privatePage(ctx, messagePage(NEWSROOM_LOCALES[0].code, pageWords('en').invalid), 404);
      return null;
    }
    return [subscriber, token];
  };

  const showPreferences = async (ctx: SubscriptionContext, subscriber: SubscriberRow, token: string, saved = false) =>
    privatePage(
      ctx,
      preferencesPage(subscriber, {
        token,
        locales: NEWSROOM_LOCALES.map(({ code, name }) => ({ code, name })),
        topics: await publicTopics(strapi, subscriber.locale),
        paths: { preferences: PATHS.preferences, data: PATHS.data, remove: PATHS.remove },
        saved,
      }),
    );

  return {
    async subscribe(ctx: SubscriptionContext) {
      const fields = fieldsOf(ctx);
      const fromForm = ctx.request.type === 'application/x-www-form-urlencoded';
      const request = checkedSubscriptionRequest(fromForm ? { ...fields, topics: listOf(fields.topics) } : fields);
      try {
        request.topics = await knownTopics(strapi, request.topics);
        await countSubscribeRequest(strapi, ctx.request.ip ?? 'unknown', request.email);
      } catch (error) {
        if (error instanceof SubscriptionInputError) throw new errors.ValidationError(error.message);
        if (error instanceof SubscriptionRateLimited) {
          ctx.set('Retry-After', '3600');
          throw new errors.RateLimitError(error.message);
        }
        throw error;
      }
      const { subscriber, alreadyConfirmed } = await writeSubscriptionRequest(strapi, request);
      const context = mailContext(strapi);
      // After the answer: an address's mail takes as long to send whether it was known or not, and the answer waits
      // for neither. A failure is logged; the person may ask again.
      void sendMail(strapi, (alreadyConfirmed ? alreadySubscribedMail : confirmationMail)(context, subscriber))
        .then(() => noteConfirmationSent(strapi, subscriber))
        .catch((error) => strapi.log.warn(`Subscription email not sent: ${error}`));
      const message = pageWords(request.locale).checkInbox;
      if (fromForm && ctx.accepts('html', 'json') === 'html')
        return privatePage(ctx, messagePage(request.locale, message), 202);
      ctx.set('Cache-Control', 'no-store');
      ctx.status = 202;
      ctx.body = { data: { status: 'pending' }, meta: { message } };
    },

    async confirmPage(ctx: SubscriptionContext) {
      const found = await withToken(ctx, 'confirm');
      if (!found) return;
      const [subscriber, token] = found;
      if (subscriber.status === 'confirmed')
        return privatePage(ctx, messagePage(subscriber.locale, pageWords(subscriber.locale).confirmed));
      privatePage(ctx, confirmPage(subscriber, token, PATHS.confirm));
    },

    async confirm(ctx: SubscriptionContext) {
      const found = await withToken(ctx, 'confirm');
      if (!found) return;
      const subscriber = await confirmSubscriber(strapi, found[0]);
      privatePage(ctx, messagePage(subscriber.locale, pageWords(subscriber.locale).confirmed));
    },

    async preferencesPage(ctx: SubscriptionContext) {
      const found = await withToken(ctx, 'manage');
      if (found) await showPreferences(ctx, ...found);
    },

    async savePreferences(ctx: SubscriptionContext) {
      const found = await withToken(ctx, 'manage');
      if (!found) return;
      const fields = fieldsOf(ctx);
      let updated: SubscriberRow;
      try {
        updated = await updatePreferences(strapi, found[0], {
          locale: fields.locale,
          topics: listOf(fields.topics),
          ...(fields.cadence ? { cadence: fields.cadence } : {}),
        });
      } catch (error) {
        if (error instanceof SubscriptionInputError) throw new errors.ValidationError(error.message);
        throw error;
      }
      await showPreferences(ctx, updated, found[1], true);
    },

    async data(ctx: SubscriptionContext) {
      const found = await withToken(ctx, 'manage');
      if (!found) return;
      ctx.set('Cache-Control', 'private, no-store');
      ctx.set('Content-Disposition', 'attachment; filename="my-subscription.json"');
      ctx.body = await subscriberData(strapi, found[0]);
    },

    async unsubscribePage(ctx: SubscriptionContext) {
      const found = await withToken(ctx, 'manage');
      if (found) privatePage(ctx, unsubscribePage(found[0], found[1], PATHS.unsubscribe));
    },

    /** GET /api/subscriptions/opened/:item: an open of a release email, counted (tracking on), as a 1×1 GIF. */
    async opened(ctx: SubscriptionContext & { params: { item?: string } }) {
      const pixel = await countOpen(strapi, ctx.params.item);
      if (!pixel) throw new errors.NotFoundError('Not found');
      ctx.set('Cache-Control', 'no-store');
      ctx.type = 'image/gif';
      ctx.body = pixel;
    },

    /** GET /api/subscriptions/clicked/:item: a click of a release email's link, counted, on to the release's page. */
    async clicked(ctx: SubscriptionContext & { params: { item?: string }; redirect(url: string): void }) {
      const to = await countClick(strapi, ctx.params.item);
      if (!to) throw new errors.NotFoundError('Not found');
      ctx.set('Cache-Control', 'no-store');
      ctx.redirect(to);
    },

    /** POST /api/subscriptions/mail-notices: a provider's bounce or complaint (bounce-webhook.ts). */
    async mailNotice(
      ctx: SubscriptionContext & { request: { header: Record<string, string | string[] | undefined> } },
    ) {
      await receiveMailNotice(strapi, ctx);
    },

    /** RFC 8058 one-click (a mail client POSTs List-Unsubscribe=One-Click), and the pages' buttons: done at once. */
    async unsubscribe(ctx: SubscriptionContext) {
      const found = await withToken(ctx, 'manage');
      if (!found) return;
      await deleteSubscriber(strapi, found[0]);
      privatePage(ctx, messagePage(found[0].locale, pageWords(found[0].locale).unsubscribed));
    },
  };
}
