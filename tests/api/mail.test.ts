/**
 * Outgoing mail (src/platform/mail) through Strapi's email plugin, on the real app: over a real SMTP server in the
 * test (smtp-server), read back with mailparser; and, with no SMTP_URL, written to .tmp/mail/ as .eml files.
 */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { simpleParser, type AddressObject } from 'mailparser';
import { MailNotSentError, sendMail } from '../../src/platform/mail/send-mail';
import { api, PROJECT_ROOT, sharedSeedParagraphs, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server';

const HEADLINE = 'Баку и Найроби будут бороться против преступности совместными усилиями';
const FROM = 'Пресс-служба Newsroom <press@newsroom.test>';
const addresses = (field: AddressObject | AddressObject[] | undefined) =>
  [field ?? []].flat().flatMap((group) => group.value.map(({ name, address }) => ({ name, address })));

const saved = { ...process.env };
afterAll(() => {
  process.env = saved;
});

describe('mail over SMTP_URL', () => {
  let app: Core.Strapi;
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    // A password with characters a URL must encode: the server only takes the log-in as given.
    smtp = await startSmtpServer({
      credentials: { user: 'newsroom', password: 'p@ss:word/1' },
      refuses: (address) => address.endsWith('@refused.test'),
    });
    Object.assign(process.env, { SMTP_URL: smtp.url, MAIL_FROM: FROM, MAIL_REPLY_TO: 'desk@newsroom.test' });
    app = await startNewsroom();
  });
  afterAll(async () => {
    await stopNewsroom(app);
    await smtp.close();
  });

  it('uses Strapi\'s nodemailer provider (no "sendmail" notice at start)', () => {
    expect(app.config.get('plugin::email.provider')).toBe('nodemailer');
  });

  it('delivers a Russian message as written: From, To, Reply-To, Subject, plain text only', async () => {
    const text = sharedSeedParagraphs().slice(0, 3).join('\n\n');
    const sent = await sendMail(app, { to: 'reporter@example.org', subject: HEADLINE, text });
    expect(sent.file).toBeUndefined();

    const mail = await smtp.waitForMessage((received) => received.parsed.messageId === sent.messageId);
    expect(mail.user).toBe('newsroom');
    expect(mail.envelope).toEqual({ from: 'press@newsroom.test', to: ['reporter@example.org'] });
    expect(addresses(mail.parsed.from)).toEqual([{ name: 'Пресс-служба Newsroom', address: 'press@newsroom.test' }]);
    expect(addresses(mail.parsed.to)).toEqual([{ name: '', address: 'reporter@example.org' }]);
    expect(addresses(mail.parsed.replyTo)).toEqual([{ name: '', address: 'desk@newsroom.test' }]);
    expect(mail.parsed.subject).toBe(HEADLINE);
    expect(mail.parsed.text?.trim()).toBe(text);
    expect(mail.parsed.html).toBe(false);
  });

  it('sends HTML beside the text, with extra headers, when given', async () => {
    const html = `<p>${HEADLINE}</p>`;
    const sent = await sendMail(app, {
      to: ['a@example.org', 'b@example.org'],
      subject: 'Пресс-релиз',
      text: HEADLINE,
      html,
      headers: { 'List-Unsubscribe': '<https://newsroom.test/unsubscribe/abc>' },
    });
    const mail = await smtp.waitForMessage((received) => received.parsed.messageId === sent.messageId);
    expect(mail.envelope.to).toEqual(['a@example.org', 'b@example.org']);
    expect(mail.parsed.text?.trim()).toBe(HEADLINE);
    expect(mail.parsed.html).toBe(html);
    expect(mail.parsed.headerLines).toContainEqual({
      key: 'list-unsubscribe',
      line: 'List-Unsubscribe: <https://newsroom.test/unsubscribe/abc>',
    });
  });

  it("takes users-permissions' own messages the same way (email confirmation)", async () => {
    const users = app.plugin('users-permissions').service('user');
    const role = (await app.db
      .query('plugin::users-permissions.role')
      .findOne({ where: { type: 'authenticated' } })) as {
      id: number;
    };
    const user = (await users.add({
      username: 'mail-test-journalist',
      email: 'journalist@example.org',
      password: 'Journalist-Password-1',
      provider: 'local',
      confirmed: false,
      role: role.id,
    })) as { id: number; email: string };
    try {
      await users.sendConfirmationEmail(user);
      const mail = await smtp.waitForMessage((received) => received.envelope.to.includes('journalist@example.org'));
      const { confirmationToken } = (await app.db
        .query('plugin::users-permissions.user')
        .findOne({ where: { id: user.id } })) as { confirmationToken: string };
      expect(confirmationToken).toMatch(/^[0-9a-f]{40}$/);
      // The newsroom's own template (src/press-access/journalist-sign-up.ts), not the plugin's default.
      expect(mail.parsed.subject).toMatch(/^Confirm your address for the press portal/);
      expect(mail.parsed.text).toContain(`/api/auth/email-confirmation?confirmation=${confirmationToken}`);
    } finally {
      await app.db.query('plugin::users-permissions.user').delete({ where: { id: user.id } });
    }
  });

  it('rejects with a readable error when the server refuses, and the app carries on', async () => {
    const refused = sendMail(app, { to: 'nobody@refused.test', subject: 'Тест', text: 'Тест' });
    await expect(refused).rejects.toThrow(MailNotSentError);
    await expect(refused).rejects.toThrow(/^Mail to nobody@refused\.test was not sent: .*550.*No such mailbox/);
    expect((await api(app).get('/_health')).status).toBe(204);
  });
});

describe('mail with no SMTP_URL', () => {
  let app: Core.Strapi;
  beforeAll(async () => {
    delete process.env.SMTP_URL;
    Object.assign(process.env, { MAIL_FROM: FROM });
    delete process.env.MAIL_REPLY_TO;
    app = await startNewsroom();
  });
  afterAll(async () => {
    await stopNewsroom(app);
  });

  it('writes each message to its own .eml file under .tmp/mail/ and logs the path', async () => {
    const logged = jest.spyOn(app.log, 'info');
    const text = sharedSeedParagraphs()[0];
    const first = await sendMail(app, { to: 'reporter@example.org', subject: HEADLINE, text });
    const second = await sendMail(app, { to: 'reporter@example.org', subject: HEADLINE, text });
    const files = [first.file!, second.file!];
    try {
      for (const file of files) {
        expect(path.dirname(file)).toBe(path.join(PROJECT_ROOT, '.tmp', 'mail'));
        expect(path.basename(file)).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z-[0-9a-f]{8}\.eml$/);
        expect(logged).toHaveBeenCalledWith(`Mail not sent (no SMTP_URL): written to ${file}`);
      }
      expect(first.file).not.toBe(second.file);
      // Named by time: the later message's name does not sort before the earlier one's (same millisecond: equal).
      const times = files.map((file) => path.basename(file).slice(0, 24));
      expect(times[0] <= times[1]).toBe(true);

      const parsed = await simpleParser(await readFile(first.file!));
      expect(parsed.messageId).toBe(first.messageId);
      expect(addresses(parsed.from)).toEqual([{ name: 'Пресс-служба Newsroom', address: 'press@newsroom.test' }]);
      expect(addresses(parsed.to)).toEqual([{ name: '', address: 'reporter@example.org' }]);
      expect(parsed.subject).toBe(HEADLINE);
      expect(parsed.text?.trim()).toBe(text);
    } finally {
      logged.mockRestore();
      await Promise.all(files.map((file) => rm(file, { force: true })));
    }
  });
});
