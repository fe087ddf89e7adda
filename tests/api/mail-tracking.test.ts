/**
 * Open and click counts of release emails (issue 29), with MAIL_TRACKING=on: the email says so, carries a 1×1 picture
 * and passes its article link through the counter, and both count per release and locale, never who: nothing in
 * either URL names the subscriber. Off (the default; tests/api/subscriptions.test.ts), there is neither.
 */
import type { Core } from '@strapi/strapi';
import { api, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { createRelease, deleteRelease } from '../helpers/content';
import { editorToken } from '../helpers/editor';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server';

const saved = { ...process.env };
let app: Core.Strapi;
let smtp: TestSmtpServer;
let documentId: string | undefined;

beforeAll(async () => {
  smtp = await startSmtpServer();
  Object.assign(process.env, {
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Press office <press@newsroom.test>',
    MAIL_TRACKING: 'on',
    GO_LIVE_POLL_SECONDS: '1',
  });
  app = await startNewsroom();
  await app.db.connection('newsroom_subscribers').insert({
    email: 'zztrack@example.test',
    locale: 'ru',
    status: 'confirmed',
    consent_at: new Date(),
    consent_text: 'test',
    confirmed_at: new Date(Date.now() - 60_000),
  });
});
afterAll(async () => {
  if (documentId) await deleteRelease(app, documentId);
  await app.db.connection('newsroom_subscribers').where({ email: 'zztrack@example.test' }).del();
  await stopNewsroom(app);
  await smtp.close();
  process.env = saved;
});

it('counts opens and clicks per release, never who, and the email says so', async () => {
  const headline = 'Zztrack Считаемый релиз';
  ({ documentId } = await createRelease(app, { headline }));
  const mail = await smtp.waitForMessage((m) => m.parsed.subject === headline);
  expect(mail.parsed.text).toMatch(/never by whom|кто именно — не записывается/);
  const html = String(mail.parsed.html);
  const pixel = new URL(/<img src="([^"]+\/api\/subscriptions\/opened\/[^"]+)"/.exec(html)![1]);
  const link = new URL(/<a href="([^"]+\/api\/subscriptions\/clicked\/[^"]+)"/.exec(html)![1]);
  for (const url of [pixel, link]) expect(url.pathname).toMatch(new RegExp(`/${documentId}\\.ru(\\.gif)?$`));
  expect(`${pixel.search}${link.search}`).toBe('');

  const opened = await api(app).get(pixel.pathname);
  expect(opened.status).toBe(200);
  expect(opened.headers['content-type']).toBe('image/gif');
  await api(app).get(pixel.pathname);
  const clicked = await api(app).get(link.pathname);
  expect(clicked.status).toBe(302);
  expect(clicked.headers.location).toMatch(/\/ru\/press-releases\/zztrack-/);
  const [counts] = await app.db.connection('newsroom_release_mail_counts').where({ document_id: documentId });
  expect(counts).toEqual({ document_id: documentId, locale: 'ru', opens: 2, clicks: 1 });
  // Editors see them on the Subscribers page, with what was sent: numbers, no address.
  const token = await editorToken(app, 'zztrack.editor@newsroom.test');
  const page = await api(app).get('/newsroom/subscribers').set('Authorization', `Bearer ${token}`);
  expect(page.status).toBe(200);
  expect(page.body.meta.mailTracking).toBe(true);
  const emails = (page.body.data.releaseEmails as { documentId: string }[]).find(
    (row) => row.documentId === documentId,
  );
  expect(emails).toEqual({
    ...{ documentId, locale: 'ru', headline, wentLiveAt: expect.any(String) },
    ...{ sent: 1, waiting: 0, failed: 0, opens: 2, clicks: 1 },
  });
  expect(JSON.stringify(page.body)).not.toContain('zztrack@example.test');
  // Nothing to count for what is not a public release, and no address taken from the request.
  expect((await api(app).get('/api/subscriptions/clicked/nosuchrelease.ru')).status).toBe(404);
  expect((await api(app).get('/api/subscriptions/clicked/https:%2F%2Fevil.example')).status).toBe(404);
});
