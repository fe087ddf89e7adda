import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PRESS_RELEASE_UID } from '../../platform/content-model/content-type-uids';
import { sendMail, MailNotSentError } from '../../platform/mail/send-mail';
import type { PublicRelease } from '../../read-side/public-shape';
import { mailContext } from './subscription-outbox';
import { releaseMail } from './subscription-mail';
import type { SubscriberRow } from './subscribers';

/** Where the edit view's "Subscribers' email" panel asks for a test (src/admin/test-email/). */
export const TEST_EMAIL_PATH = '/newsroom/test-email';

interface AdminContext {
  params: { documentId?: string };
  query: Record<string, unknown>;
  state: { user?: { email?: string }; userAbility?: { can(action: string, subject?: string): boolean } };
  body: unknown;
}

/**
 * `POST /newsroom/test-email/:documentId?locale=`: the email subscribers will get of a release, as its draft is now,
 * sent to the admin who asks (their own address only), its subject marked as a test. Whoever may edit the release may
 * ask; the email's links to preferences and unsubscribing lead nowhere (no subscriber is made).
 */
export function registerTestEmailRoute(strapi: Core.Strapi): void {
  const send = async (ctx: AdminContext) => {
    if (!ctx.state.userAbility?.can('plugin::content-manager.explorer.update', PRESS_RELEASE_UID))
      throw new errors.ForbiddenError('Only who may edit releases may send a test of their email.');
    const email = ctx.state.user?.email;
    if (!email) throw new errors.ForbiddenError('Your account has no email address.');
    const documentId = String(ctx.params.documentId ?? '');
    const locale = String(ctx.query.locale ?? '');
    if (!/^[a-z0-9]{1,64}$/.test(documentId) || !/^[a-z]{2}(-[A-Za-z0-9-]+)?$/.test(locale))
      throw new errors.ValidationError('A documentId and a locale are needed (?locale=ru).');
    const draft = (await strapi.documents(PRESS_RELEASE_UID).findOne({
      documentId,
      locale,
      status: 'draft',
      populate: { cover: true },
    })) as unknown as PublicRelease | null;
    if (!draft) throw new errors.NotFoundError('No such release in that language.');
    // A draft has no public page to count a click on: the test shows the email without the counters.
    const context = { ...mailContext(strapi), tracking: false };
    const subscriber: SubscriberRow = {
      id: '0',
      email,
      locale,
      topics: [],
      cadence: 'instant',
      status: 'confirmed',
      consent_at: new Date(),
      consent_text: '',
      confirmed_at: new Date(),
      created_at: new Date(),
    };
    const mail = releaseMail(context, subscriber, draft, `<test.${documentId}.${Date.now()}@${context.domain}>`);
    try {
      await sendMail(strapi, { ...mail, subject: `[Test] ${mail.subject}` });
    } catch (error) {
      if (error instanceof MailNotSentError) throw new errors.ApplicationError(error.message);
      throw error;
    }
    ctx.body = { data: { sentTo: email } };
  };
  strapi.server.routes({
    type: 'admin',
    prefix: '',
    routes: [
      {
        method: 'POST',
        path: `${TEST_EMAIL_PATH}/:documentId`,
        handler: send,
        config: { policies: ['admin::isAuthenticatedAdmin'] },
      },
    ],
  } as never);
}
