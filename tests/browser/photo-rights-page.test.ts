/**
 * The media library's "Photo rights" page (issue 28), driven in Chromium by an Editor: the photo's rights as the file
 * brought them, corrected in the form, and the correction read back from the stored file and its thumbnail by ExifTool.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { ExifTool, type WriteTags } from 'exiftool-vendored';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import {
  describeInBrowser,
  launchChromium,
  logInToAdminPanel,
  screenshotPath,
  startNewsroomWithAdminPanel,
} from '../helpers/browser';
import { ensureEditorAccount } from '../../src/editorial/newsroom-setup/editor-role';
import { editorToken } from '../helpers/editor';
import { deleteUploads, uploadAsAdmin } from '../helpers/media';
import { PROJECT_ROOT, stopNewsroom } from '../helpers/newsroom-app';
import { createRelease, deleteRelease, PRESS_RELEASE_UID } from '../helpers/content';

const EDITOR = { email: 'photo.rights.page@newsroom.test', password: 'Photo-Rights-Passw0rd' };

describeInBrowser('the photo rights page, in Chromium', () => {
  const exiftool = new ExifTool({ maxProcs: 1 });
  const work = mkdtempSync(path.join(os.tmpdir(), 'newsroom-rights-page-'));
  let app: Core.Strapi;
  let baseUrl: string;
  let browser: Browser;
  let photo: { id: number; url: string; formats: Record<string, { url: string }> };

  beforeAll(async () => {
    ({ app, baseUrl } = await startNewsroomWithAdminPanel());
    await ensureEditorAccount(app, EDITOR);
    const original = path.join(work, 'zzrights-page.jpg');
    writeFileSync(
      original,
      await sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 10, g: 120, b: 60 } } })
        .jpeg()
        .toBuffer(),
    );
    await exiftool.write(
      original,
      { 'XMP-dc:Creator': ['Wrong Name'], 'XMP-photoshop:Credit': 'Wrong credit' } as WriteTags,
      {
        writeArgs: ['-overwrite_original'],
      },
    );
    const token = await editorToken(app, 'photo.rights.uploader@newsroom.test');
    const upload = await uploadAsAdmin(app, token, [
      { name: 'zzrights-page.jpg', type: 'image/jpeg', content: readFileSync(original) },
    ]);
    expect(upload.status).toBe(201);
    photo = upload.body[0];
    browser = await launchChromium();
  }, 360_000);

  afterAll(async () => {
    await browser?.close();
    if (photo) await deleteUploads(app, [photo.id]);
    await stopNewsroom(app);
    await exiftool.end();
  });

  it("shows a photo's rights, and writes an Editor's correction into the file and its sizes", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await logInToAdminPanel(page, baseUrl, EDITOR);
    await page.getByRole('link', { name: 'Photo rights' }).click();
    await page.waitForURL(/\/admin\/photo-rights/);
    await page.fill('input[name="search"]', 'zzrights-page');
    await page.getByRole('button', { name: 'Search' }).click();
    const row = page.locator(`tr[data-photo-id="${photo.id}"]`);
    await row.locator('td[data-field="creditLine"]', { hasText: 'Wrong credit' }).waitFor();

    await row.getByRole('button', { name: 'Edit' }).click();
    await page.fill('input[name="creator"]', 'Амина Отиено');
    await page.fill('input[name="creditLine"]', 'Пресс-служба');
    await page.fill('input[name="licenseUrl"]', 'not a web address');
    await page.getByRole('button', { name: 'Save into the files' }).click();
    await page.getByRole('alert').filter({ hasText: 'licenseUrl' }).waitFor();

    await page.fill('input[name="licenseUrl"]', 'https://press.example/licence');
    await page.getByRole('button', { name: 'Save into the files' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved into the photo' }).waitFor();
    await row.locator('td[data-field="creditLine"]', { hasText: 'Пресс-служба' }).waitFor();
    await page.screenshot({ path: screenshotPath('photo-rights-1-saved') });

    for (const url of [photo.url, photo.formats.thumbnail.url]) {
      const copy = path.join(work, `read-${path.basename(url)}`);
      writeFileSync(copy, readFileSync(path.join(PROJECT_ROOT, 'public', url)));
      const tags = (await exiftool.read(copy)) as Record<string, unknown>;
      expect({ url, creator: tags.Creator, credit: tags.Credit, licence: tags.WebStatement }).toEqual({
        url,
        creator: ['Амина Отиено'],
        credit: 'Пресс-служба',
        licence: 'https://press.example/licence',
      });
    }
  });
});

describeInBrowser('the subscribers page, in Chromium', () => {
  let app: Core.Strapi;
  let baseUrl: string;
  let browser: Browser;
  const editor = { email: 'subscribers.page@newsroom.test', password: 'Subscribers-Page-Passw0rd' };

  beforeAll(async () => {
    ({ app, baseUrl } = await startNewsroomWithAdminPanel());
    await ensureEditorAccount(app, editor);
    await app.db.connection('newsroom_subscribers').insert(
      ['ru', 'ru', 'en'].map((locale, index) => ({
        email: `zzpage${index}@example.test`,
        locale,
        status: 'confirmed',
        consent_at: new Date(),
        consent_text: 'test',
        confirmed_at: new Date(),
      })),
    );
    // A release's emails as the outbox holds them: two sent, one failed for good.
    const ids = (await app.db.connection('newsroom_subscribers').where('email', 'like', 'zzpage%').orderBy('id')).map(
      (row: { id: string }) => row.id,
    );
    await app.db
      .connection('newsroom_subscription_releases')
      .insert({ document_id: 'zzpage-release', locale: 'ru', went_live_at: new Date(), queued_at: new Date() });
    await app.db.connection('newsroom_subscription_mail').insert(
      ['sent', 'sent', 'failed'].map((state, index) => ({
        subscriber_id: ids[index],
        document_id: 'zzpage-release',
        locale: 'ru',
        message_id: `<zzpage${index}@newsroom.test>`,
        state,
      })),
    );
    browser = await launchChromium();
  }, 360_000);

  afterAll(async () => {
    await browser?.close();
    await app.db.connection('newsroom_subscription_releases').where({ document_id: 'zzpage-release' }).del();
    await app.db.connection('newsroom_subscribers').where('email', 'like', 'zzpage%').del();
    await stopNewsroom(app);
  });

  it('shows an Editor the counts per language, and no address nor export', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await logInToAdminPanel(page, baseUrl, editor);
    await page.getByRole('link', { name: 'Subscribers' }).click();
    await page.waitForURL(/\/admin\/subscribers/);
    const ru = page.locator('tr[data-subscribers-locale="ru"]');
    await ru.waitFor();
    // Other test files may have subscribers in this database too: the page says what the database holds.
    const [held] = (await app.db
      .connection('newsroom_subscribers')
      .where({ locale: 'ru' })
      .select(
        app.db.connection.raw(`count(*) FILTER (WHERE status = 'confirmed')::int AS confirmed`),
        app.db.connection.raw(`count(*) FILTER (WHERE status = 'pending')::int AS pending`),
      )) as { confirmed: number; pending: number }[];
    expect(held.confirmed).toBeGreaterThanOrEqual(2);
    expect(await ru.locator('td').allTextContents()).toEqual(['ru', String(held.confirmed), String(held.pending)]);
    expect(await page.content()).not.toContain('@example.test');
    expect(await page.getByRole('button', { name: 'Export addresses (CSV)' }).count()).toBe(0);
    // A release's emails: sent, waiting, failed; opens and clicks not counted (MAIL_TRACKING is off).
    const emails = page.locator('tr[data-release-emails="zzpage-release/ru"]');
    expect(await emails.locator('td').allTextContents()).toEqual(['zzpage-release (ru)', '2', '0', '1', '—', '—']);
    await page.getByText('Opens and clicks are not counted', { exact: false }).waitFor();
    await page.screenshot({ path: screenshotPath('subscribers-1-counts') });
  });

  it("sends the Editor a test of a release's subscribers' email from its edit view", async () => {
    const { documentId } = await createRelease(app, { headline: 'Zzpage Черновик для письма', publish: false });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      await logInToAdminPanel(page, baseUrl, editor);
      await page.goto(
        `${baseUrl}/admin/content-manager/collection-types/${PRESS_RELEASE_UID}/${documentId}?plugins[i18n][locale]=ru`,
      );
      await page.getByRole('button', { name: 'Send me a test email' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: `Sent to ${editor.email}.` })
        .waitFor();
      await page.screenshot({ path: screenshotPath('test-email-1-sent') });
    } finally {
      await deleteRelease(app, documentId);
    }
  });
});
