/**
 * The whole story of press access, in Chromium: a journalist signs up on the press portal and confirms the address by
 * the link in the mail (a real SMTP server), an Editor accredits them and shares a release under embargo with every
 * accredited journalist (over the admin API the panel itself calls: the Content Manager's routes, with an Editor's
 * token), the journalist reads it on the portal and downloads its photo, the public sees nothing of it on REST or the
 * reader page, the embargo lifts, and the public sees it.
 */
import { readFile } from 'node:fs/promises';
import type { Core } from '@strapi/strapi';
import type { Browser, Page } from 'playwright-core';
import { describeInBrowser, freePort, launchChromium, listen, screenshotPath } from '../helpers/browser';
import { startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { createRelease, deleteRelease, PRESS_RELEASE_UID } from '../helpers/content';
import { editorToken } from '../helpers/editor';
import { untilPast } from '../helpers/eventually';
import { deleteUploads, makeUploadedImage } from '../helpers/media';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server';
import { responseCacheFor } from '../../src/delivery/http-cache/response-cache-registry';
import { PRESS_ACCREDITATION_UID } from '../../src/platform/content-model/content-type-uids';
import { bringReadModelInStep } from '../../src/read-side/read-model/read-model-rebuild';

const CM = '/content-manager/collection-types';
const JOURNALIST = { email: 'story-journalist@press.example', password: 'Story-Passw0rd' };
const HEADLINE = 'Zzstory Найроби и Баку подписали соглашение';
const DAY = 24 * 3600 * 1000;

describeInBrowser('press access, the whole story, in Chromium', () => {
  let app: Core.Strapi;
  let baseUrl: string;
  let smtp: TestSmtpServer;
  let browser: Browser;
  let journalist: Page;
  let editor: string;
  let documentId: string;
  let photo: number;
  const savedEnv = { ...process.env };

  /** What the Editor's admin token may do, as the panel does it. */
  const asEditor = (method: 'PUT' | 'POST', path: string, body: unknown) =>
    fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${editor}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const publicRest = () => fetch(`${baseUrl}/api/press-releases/${documentId}?locale=ru`);
  const publicList = async () => (await fetch(`${baseUrl}/api/press-releases?locale=ru`)).text();

  beforeAll(async () => {
    smtp = await startSmtpServer();
    const port = await freePort();
    // The app's own URL is known before it starts: the confirmation link and its redirect lead back to it.
    Object.assign(process.env, { SMTP_URL: smtp.url, SERVER_URL: `http://127.0.0.1:${port}` });
    app = await startNewsroom();
    baseUrl = await listen(app, port);
    editor = await editorToken(app, 'story-editor@newsroom.test');
    photo = await makeUploadedImage(app, 'story-photo.png', 'Подписание соглашения');
    ({ documentId } = await createRelease(app, {
      headline: HEADLINE,
      paragraphs: ['Текст под эмбарго.'],
      publish: false,
    }));
    browser = await launchChromium();
    journalist = await (await browser.newContext({ acceptDownloads: true, locale: 'en-GB' })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    if (documentId) await deleteRelease(app, documentId);
    await deleteUploads(app, photo ? [photo] : []);
    await stopNewsroom(app);
    await smtp.close();
    process.env = savedEnv;
  });

  it('a journalist signs up on the portal and confirms the address by the mailed link', async () => {
    await journalist.goto(`${baseUrl}/press/sign-up`);
    await journalist.fill('input[name="email"]', JOURNALIST.email);
    await journalist.fill('input[name="password"]', JOURNALIST.password);
    await journalist.fill('input[name="outlet"]', 'The Story Times');
    await journalist.fill('input[name="position"]', 'Correspondent');
    await journalist.fill('input[name="country"]', 'KE');
    await journalist.fill('input[name="languages"]', 'en, ru');
    await journalist.fill('input[name="timeZone"]', 'Africa/Nairobi');
    await journalist.check('input[name="acceptAgreement"]');
    await journalist.click('button:has-text("Sign up")');
    await journalist.waitForSelector('h1:has-text("Check your mailbox")');

    const mail = await smtp.waitForMessage((m) => m.envelope.to.includes(JOURNALIST.email));
    const link = /https?:\/\/\S+?\?confirmation=[\w-]+/.exec(mail.parsed.text ?? '')![0];
    await journalist.goto(link);
    await journalist.waitForSelector('h1:has-text("Your email address is confirmed")');
    expect(new URL(journalist.url()).pathname).toBe('/press/confirmed');
  });

  it('an Editor accredits them and shares a release under embargo', async () => {
    const request = (await app.db.query(PRESS_ACCREDITATION_UID).findOne({ where: { email: JOURNALIST.email } })) as {
      documentId: string;
    };
    const validUntil = new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10);
    const accredit = await asEditor('PUT', `${CM}/${PRESS_ACCREDITATION_UID}/${request.documentId}`, {
      standing: 'accredited',
      validUntil,
    });
    expect(accredit.status).toBe(200);
    await smtp.waitForMessage((m) => m.envelope.to.includes(JOURNALIST.email) && /granted/.test(m.parsed.subject!));

    const embargoUntil = new Date(Date.now() + DAY).toISOString();
    const release = `${CM}/${PRESS_RELEASE_UID}/${documentId}?locale=ru`;
    const shared = await asEditor('PUT', release, {
      embargoUntil,
      pressAccess: 'accredited',
      cover: photo,
      reviewStage: 'approved',
    });
    expect(shared.status).toBe(200);
    const publish = await asEditor('POST', `${CM}/${PRESS_RELEASE_UID}/${documentId}/actions/publish?locale=ru`, {});
    expect(publish.status).toBe(200);
  });

  it('the journalist reads it on the portal and downloads its photo; the public sees nothing', async () => {
    await journalist.goto(`${baseUrl}/press/login`);
    await journalist.fill('input[name="email"]', JOURNALIST.email);
    await journalist.fill('input[name="password"]', JOURNALIST.password);
    await journalist.click('form[action="/press/login"] button[type="submit"]');
    await journalist.waitForSelector(`a:has-text("${HEADLINE}")`);
    await journalist.click(`a:has-text("${HEADLINE}")`);
    const banner = journalist.locator('.embargo-banner');
    expect(await banner.textContent()).toMatch(/Under embargo until .*\(Africa\/Nairobi\), .* UTC/);
    expect(await journalist.textContent('article h1')).toBe(HEADLINE);
    expect(await journalist.textContent('article .body')).toContain('Текст под эмбарго.');
    await journalist.screenshot({ path: screenshotPath('press-story-1-embargoed'), fullPage: true });

    const [download] = await Promise.all([
      journalist.waitForEvent('download'),
      journalist.click('.downloads a[download]'),
    ]);
    // A link signed for this journalist (press-file-links.ts): the photo's public URL answers nothing yet.
    expect(download.url()).toMatch(/\/api\/press\/files\/[^/]+$/);
    const downloaded = await readFile((await download.path())!);
    const original = await (await fetch(await download.url())).arrayBuffer();
    expect(downloaded.length).toBeGreaterThan(0);
    expect(downloaded.equals(Buffer.from(original))).toBe(true);
    expect(downloaded.subarray(1, 4).toString()).toBe('PNG');

    expect((await publicRest()).status).toBe(404);
    expect(await publicList()).not.toContain('Zzstory');
    const reader = await browser.newPage();
    const slug = (await app.db.query(PRESS_RELEASE_UID).findOne({ where: { documentId, locale: 'ru' } })).slug;
    const hidden = await reader.goto(`${baseUrl}/ru/press-releases/${slug}`);
    expect(hidden!.status()).toBe(404);
    expect(await reader.textContent('body')).not.toContain('Zzstory');
    await reader.close();
  });

  it('the embargo lifts, and the public sees the release', async () => {
    // The clock's work, done quickly: the embargo now ends three seconds from now (as in tests/api/embargo.test.ts).
    const endsAt = Date.now() + 3000;
    await app.db
      .query(PRESS_RELEASE_UID)
      .updateMany({ where: { documentId }, data: { embargoUntil: new Date(endsAt) } });
    await bringReadModelInStep(app);
    responseCacheFor(app).clear();
    await untilPast(endsAt);

    expect((await publicRest()).status).toBe(200);
    expect(await publicList()).toContain(HEADLINE);
    const reader = await browser.newPage();
    const slug = (await app.db.query(PRESS_RELEASE_UID).findOne({ where: { documentId, locale: 'ru' } })).slug;
    const shown = await reader.goto(`${baseUrl}/ru/press-releases/${slug}`);
    expect(shown!.status()).toBe(200);
    await reader.waitForSelector('article h1');
    expect(await reader.textContent('article h1')).toBe(HEADLINE);
    await reader.close();

    await journalist.reload();
    expect(await journalist.textContent('.released-banner')).toContain('Released');
    await journalist.screenshot({ path: screenshotPath('press-story-2-released'), fullPage: true });
  });
});
