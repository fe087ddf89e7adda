/**
 * The whole story of press access, in Chromium: a journalist signs up on the press portal and confirms the address by
 * the link in the mail (a real SMTP server), an Editor accredits them in the admin panel and there shares a release
 * under embargo with every accredited journalist, the journalist reads it on the portal and downloads its photo, the
 * Editor sees both in the release's "Seen before the lift", the public sees nothing of it on REST or the reader page,
 * the embargo lifts, and the public sees it.
 */
import { readFile } from 'node:fs/promises';
import type { Core } from '@strapi/strapi';
import type { Browser, Page } from 'playwright-core';
import {
  describeInBrowser,
  ensureAdminBuild,
  freePort,
  launchChromium,
  listen,
  logInToAdminPanel,
  screenshotPath,
} from '../helpers/browser';
import { startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { createRelease, deleteRelease, PRESS_RELEASE_UID } from '../helpers/content';
import { eventually, untilPast } from '../helpers/eventually';
import { deleteUploads, makeUploadedImage } from '../helpers/media';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server';
import { responseCacheFor } from '../../src/delivery/http-cache/response-cache-registry';
import { PRESS_ACCREDITATION_UID } from '../../src/platform/content-model/content-type-uids';
import { bringReadModelInStep } from '../../src/read-side/read-model/read-model-rebuild';
import { ensureEditorAccount } from '../../src/editorial/newsroom-setup/editor-role';

const CM = '/admin/content-manager/collection-types';
const EDITOR = { email: 'story-editor@newsroom.test', password: 'Story-Editor-Passw0rd' };
const JOURNALIST = { email: 'story-journalist@press.example', password: 'Story-Passw0rd' };
const HEADLINE = 'Zzstory Найроби и Баку подписали соглашение';
const DAY = 24 * 3600 * 1000;

/** A date as the panel's date fields take it in English (en-US): MM/DD/YYYY. */
const usDate = (date: Date) => {
  const [year, month, day] = date.toISOString().slice(0, 10).split('-');
  return `${month}/${day}/${year}`;
};

describeInBrowser('press access, the whole story, in Chromium', () => {
  let app: Core.Strapi;
  let baseUrl: string;
  let smtp: TestSmtpServer;
  let browser: Browser;
  let journalist: Page;
  let editor: Page;
  let documentId: string;
  let photo: number;
  const savedEnv = { ...process.env };

  const publishedVersion = async () => {
    const found = (await app.db.query(PRESS_RELEASE_UID).findOne({
      where: { documentId, locale: 'ru', publishedAt: { $notNull: true } },
    })) as { embargoUntil: string | Date; pressAccess: string } | null;
    return found
      ? { pressAccess: found.pressAccess, embargoUntil: new Date(found.embargoUntil).toISOString() }
      : undefined;
  };
  const publicRest = () => fetch(`${baseUrl}/api/press-releases/${documentId}?locale=ru`);
  const publicList = async () => (await fetch(`${baseUrl}/api/press-releases?locale=ru`)).text();

  beforeAll(async () => {
    smtp = await startSmtpServer();
    const port = await freePort();
    // The app's own URL is known before it starts: the confirmation link and its redirect lead back to it.
    Object.assign(process.env, { SMTP_URL: smtp.url, SERVER_URL: `http://127.0.0.1:${port}` });
    ensureAdminBuild();
    app = await startNewsroom({ adminPanel: true });
    baseUrl = await listen(app, port);
    await ensureEditorAccount(app, EDITOR);
    photo = await makeUploadedImage(app, 'story-photo.png', 'Подписание соглашения');
    ({ documentId } = await createRelease(app, {
      headline: HEADLINE,
      paragraphs: ['Текст под эмбарго.'],
      publish: false,
    }));
    await app.documents(PRESS_RELEASE_UID).update({ documentId, locale: 'ru', data: { cover: photo } as never });
    browser = await launchChromium();
    journalist = await (await browser.newContext({ acceptDownloads: true, locale: 'en-GB' })).newPage();
    // The panel's date fields read and write the browser's time: UTC here, so the embargo typed is the one stored.
    editor = await (
      await browser.newContext({ locale: 'en-US', timezoneId: 'UTC', viewport: { width: 1400, height: 1000 } })
    ).newPage();
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

  it('an Editor accredits them in the admin panel and there shares a release under embargo', async () => {
    const tomorrow = new Date(Date.now() + DAY);
    try {
      await logInToAdminPanel(editor, baseUrl, EDITOR);
      // The request, in the list of accreditations with the confirmed address.
      await editor.goto(`${baseUrl}${CM}/${PRESS_ACCREDITATION_UID}`);
      const request = editor.getByRole('row', { name: new RegExp(JOURNALIST.email.replace(/\./g, '\\.')) });
      await request.getByText('Requested', { exact: true }).waitFor();
      await request.getByText(JOURNALIST.email).click();
      await editor.getByRole('combobox', { name: 'Decision' }).click();
      await editor.getByRole('option', { name: 'Accredited', exact: true }).click();
      const validUntil = new Date(Date.now() + 30 * DAY);
      await editor.getByRole('combobox', { name: 'Valid until' }).fill(usDate(validUntil));
      await editor.getByRole('combobox', { name: 'Valid until' }).blur();
      await editor.getByRole('button', { name: 'Save' }).click();
      await smtp.waitForMessage((m) => m.envelope.to.includes(JOURNALIST.email) && /granted/.test(m.parsed.subject!));
      const decided = (await app.db.query(PRESS_ACCREDITATION_UID).findOne({ where: { email: JOURNALIST.email } })) as {
        standing: string;
        validUntil: string;
      };
      expect(decided).toMatchObject({ standing: 'accredited', validUntil: validUntil.toISOString().slice(0, 10) });

      // The release: under embargo until tomorrow noon (UTC), shared with the accredited, approved, published.
      await editor.goto(`${baseUrl}${CM}/${PRESS_RELEASE_UID}/${documentId}?plugins[i18n][locale]=ru`);
      await editor.locator('input[name="headline"]').waitFor();
      const embargo = editor.getByRole('group', { name: 'Embargo until' });
      await embargo.getByRole('combobox', { name: 'Choose date' }).fill(usDate(tomorrow));
      await embargo.getByRole('combobox', { name: 'Choose date' }).blur();
      await embargo.getByRole('combobox', { name: 'Choose time' }).click();
      await editor.getByRole('option', { name: '12:00', exact: true }).click();
      await editor.getByRole('combobox', { name: 'Press access under embargo' }).click();
      await editor.getByRole('option', { name: 'Accredited', exact: true }).click();
      await editor.getByRole('combobox', { name: 'Review stage' }).click();
      await editor.getByRole('option', { name: 'Approved', exact: true }).click();
      await editor.getByRole('button', { name: 'Save' }).click();
      await editor.getByRole('button', { name: 'Publish' }).click();
      await eventually(publishedVersion, 'the release is published');
    } catch (error) {
      await editor.screenshot({ path: screenshotPath('press-story-failed-editor'), fullPage: true });
      throw error;
    }
    expect(await publishedVersion()).toMatchObject({
      pressAccess: 'accredited',
      embargoUntil: `${tomorrow.toISOString().slice(0, 10)}T12:00:00.000Z`,
    });
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
      journalist.click('.downloads a[download][href*="/api/press/files/"]'),
    ]);
    // A link signed for this journalist (press-file-links.ts): the photo's public URL answers nothing yet.
    expect(download.url()).toMatch(/\/api\/press\/files\/[^/]+$/);
    const downloaded = await readFile((await download.path())!);
    const original = await (await fetch(await download.url())).arrayBuffer();
    expect(downloaded.length).toBeGreaterThan(0);
    expect(downloaded.equals(Buffer.from(original))).toBe(true);
    expect(downloaded.subarray(1, 4).toString()).toBe('PNG');

    // The Editor sees who read it before the lift, and how, beside the release in the panel.
    await editor.reload();
    const seen = editor.getByTestId('seen-before-lift');
    await seen.getByTestId('seen-before-lift-entry').first().waitFor();
    expect(await seen.textContent()).toContain(`${JOURNALIST.email} (The Story Times)`);
    const kinds = await seen
      .getByTestId('seen-before-lift-entry')
      .evaluateAll((entries) => entries.map((entry) => entry.getAttribute('data-what')));
    expect(kinds).toEqual(expect.arrayContaining(['page', 'file']));
    expect(await seen.textContent()).toContain('downloaded a file');
    await editor.screenshot({ path: screenshotPath('press-story-seen-before-lift'), fullPage: true });

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
