import type { Core } from '@strapi/strapi';
import { publicApiUrl } from '../read-side/public-urls';
import { ensureJournalistRole, JOURNALIST_ROLE_TYPE } from './journalist-role';

/**
 * Users & Permissions' messages to journalists, in English and Russian. The sender is left empty so that MAIL_FROM
 * applies (src/platform/mail); the plugin's own default is Strapi's no-reply address.
 */
const TEMPLATES = {
  email_confirmation: {
    display: 'Email.template.email_confirmation',
    icon: 'check-square',
    options: {
      from: { name: '', email: '' },
      response_email: '',
      object: 'Confirm your address for the press portal / Подтвердите адрес для пресс-портала',
      message: `<p>Confirm your email address to finish signing up for the press portal:</p>
<p><a href="<%= URL %>?confirmation=<%= CODE %>"><%= URL %>?confirmation=<%= CODE %></a></p>
<p>Then ask for accreditation: an editor of the press office decides on it, and you will be told by email.</p>
<hr>
<p>Подтвердите адрес электронной почты, чтобы завершить регистрацию на пресс-портале:</p>
<p><a href="<%= URL %>?confirmation=<%= CODE %>"><%= URL %>?confirmation=<%= CODE %></a></p>
<p>Затем подайте заявку на аккредитацию: решение примет редактор пресс-службы, и вам сообщат о нём по почте.</p>`,
    },
  },
  reset_password: {
    display: 'Email.template.reset_password',
    icon: 'sync',
    options: {
      from: { name: '', email: '' },
      response_email: '',
      object: 'A new password for the press portal / Новый пароль для пресс-портала',
      message: `<p>To choose a new password for the press portal, follow this link:</p>
<p><a href="<%= URL %>?code=<%= TOKEN %>"><%= URL %>?code=<%= TOKEN %></a></p>
<p>If you did not ask for it, ignore this message: your password stays as it is.</p>
<hr>
<p>Чтобы выбрать новый пароль для пресс-портала, перейдите по ссылке:</p>
<p><a href="<%= URL %>?code=<%= TOKEN %>"><%= URL %>?code=<%= TOKEN %></a></p>
<p>Если вы не запрашивали новый пароль, не отвечайте на это письмо: ваш пароль останется прежним.</p>`,
    },
  },
};

/**
 * Opens sign-up for journalists only: whatever a sign-up sends, the account gets the Journalist role (Users &
 * Permissions takes no role from the request and refuses unknown fields), must confirm its address by the emailed
 * link before it can sign in, and has no access until an Editor accredits it. Set at every start, like the roles:
 * what the service promises journalists is defined in code.
 */
export async function openJournalistSignUp(strapi: Core.Strapi): Promise<void> {
  await ensureJournalistRole(strapi);
  const portal = `${publicApiUrl(strapi)}/press`;
  const store = strapi.store({ type: 'plugin', name: 'users-permissions' });
  const advanced = ((await store.get({ key: 'advanced' })) ?? {}) as Record<string, unknown>;
  const wanted = {
    ...advanced,
    unique_email: true,
    allow_register: true,
    email_confirmation: true,
    default_role: JOURNALIST_ROLE_TYPE,
    email_confirmation_redirection: `${portal}/confirmed`,
    email_reset_password: `${portal}/reset-password`,
  };
  if (JSON.stringify(wanted) !== JSON.stringify(advanced)) await store.set({ key: 'advanced', value: wanted });
  const templates = ((await store.get({ key: 'email' })) ?? {}) as Record<string, unknown>;
  if (JSON.stringify({ ...templates, ...TEMPLATES }) !== JSON.stringify(templates)) {
    await store.set({ key: 'email', value: { ...templates, ...TEMPLATES } });
  }
}
