import { timingSafeEqual } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { settings } from '../../platform/settings/newsroom-settings';
import { checkedInput } from '../../platform/validation/checked-input';
import { SUBSCRIBERS, suppressAddress } from './subscribers';

/**
 * A mail provider's notices of bounces and complaints, as Postmark's bounce and spam-complaint webhooks send them
 * (`RecordType`, `Type`, `Email`): a hard bounce or a complaint puts the address on the suppression list and deletes
 * its subscriber; a soft bounce changes nothing (the outbox retries). Authenticated with MAIL_WEBHOOK_SECRET, as the
 * password of HTTP Basic (Postmark's way: https://user:secret@host/…) or as a Bearer token; off without it.
 */

const NOTICE = z.object({
  RecordType: z.string(),
  Type: z.string().optional(),
  Email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ message: 'an email address' })),
  Description: z.string().optional(),
});

const PERMANENT = new Set(['HardBounce', 'BadEmailAddress', 'ManuallyDeactivated', 'SpamNotification', 'Blocked']);

interface WebhookContext {
  request: { body?: unknown; header: Record<string, string | string[] | undefined> };
  status: number;
  body: unknown;
  set(field: string, value: string): void;
}

const sameSecret = (given: string, expected: string) => {
  const [a, b] = [Buffer.from(given), Buffer.from(expected)];
  return a.length === b.length && timingSafeEqual(a, b);
};

/** The secret a request carries: a Bearer token, or the password of HTTP Basic. */
function secretOf(ctx: WebhookContext): string | undefined {
  const header = String(ctx.request.header.authorization ?? '');
  const [scheme, value = ''] = header.split(' ');
  if (/^bearer$/i.test(scheme)) return value;
  if (!/^basic$/i.test(scheme)) return undefined;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  return decoded.slice(decoded.indexOf(':') + 1);
}

export async function receiveMailNotice(strapi: Core.Strapi, ctx: WebhookContext): Promise<void> {
  const expected = settings().MAIL_WEBHOOK_SECRET;
  if (!expected) throw new errors.NotFoundError('Not found');
  const given = secretOf(ctx);
  if (!given || !sameSecret(given, expected)) {
    ctx.set('WWW-Authenticate', 'Basic realm="mail notices"');
    throw new errors.UnauthorizedError('This endpoint takes the mail provider’s notices, with the shared secret.');
  }
  const notice = checkedInput(NOTICE, ctx.request.body ?? {}, { what: 'Mail notice' });
  const complaint = notice.RecordType === 'SpamComplaint';
  const permanent = notice.RecordType === 'Bounce' && PERMANENT.has(notice.Type ?? '');
  if (complaint || permanent) {
    await suppressAddress(strapi, notice.Email, complaint ? 'complaint' : 'bounce', notice.Description ?? notice.Type);
    await strapi.db.connection(SUBSCRIBERS).where({ email: notice.Email }).del();
  }
  ctx.status = 204;
  ctx.body = null;
}
