import type { Core } from '@strapi/strapi';
import type { Browser, Page } from 'playwright-core';
import { ensureEditorAccount } from '../../src/editorial/newsroom-setup/editor-role';
import {
  describeInBrowser,
  launchChromium,
  logInToAdminPanel,
  screenshotPath,
  startNewsroomWithAdminPanel,
} from '../helpers/browser';
import { stopNewsroom } from '../helpers/newsroom-app';
import { PRESS_RELEASE_UID } from '../helpers/content';
import { paragraphsToBlocks } from '../../src/platform/content-model/paragraph-blocks';

const EDITOR = { email: 'history.editor@newsroom.test', password: 'History-Editor-Passw0rd' };
const FIRST = 'Zzhistory Первый заголовок';
const SECOND = 'Zzhistory Второй заголовок';

describeInBrowser('the release history in the edit view, in Chromium', () => {
  let app: Core.Strapi;
  let baseUrl: string;
  let browser: Browser;
  let page: Page;
  let documentId: string;

  beforeAll(async () => {
    ({ app, baseUrl } = await startNewsroomWithAdminPanel());
    await ensureEditorAccount(app, EDITOR);
    const documents = app.documents(PRESS_RELEASE_UID);
    const created = await documents.create({
      locale: 'ru',
      status: 'draft',
      data: { headline: FIRST, body: paragraphsToBlocks(['Текст.']) } as never,
    });
    documentId = created.documentId;
    await documents.publish({ documentId, locale: 'ru' });
    await documents.update({ documentId, locale: 'ru', status: 'draft', data: { headline: SECOND } as never });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  }, 360_000);

  afterAll(async () => {
    await browser?.close();
    if (documentId) await app.documents(PRESS_RELEASE_UID).delete({ documentId, locale: '*' });
    await stopNewsroom(app);
  });

  it('lists the versions, shows one beside the draft with its changes marked, and restores it', async () => {
    const publishedBefore = await app
      .documents(PRESS_RELEASE_UID)
      .findOne({ documentId, locale: 'ru', status: 'published' });
    await logInToAdminPanel(page, baseUrl, EDITOR);
    await page.goto(
      `${baseUrl}/admin/content-manager/collection-types/${PRESS_RELEASE_UID}/${documentId}?plugins[i18n][locale]=ru`,
    );
    await page.locator('input[name="headline"]').waitFor();
    expect(await page.inputValue('input[name="headline"]')).toBe(SECOND);

    await page.getByRole('button', { name: 'More actions', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Version history' }).click();
    const versions = page.getByTestId('release-history-version');
    await versions.first().waitFor();
    expect(await versions.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-reason')))).toEqual([
      'save',
      'publish',
      'save',
    ]);
    await page.screenshot({ path: screenshotPath('release-history-1-list') });

    await versions.nth(1).getByRole('button').click();
    const headline = page.locator('[data-testid="release-history-field"][data-field="headline"]');
    await headline.waitFor();
    expect(await headline.getAttribute('data-changed')).toBe('true');
    await expect(headline.innerText()).resolves.toContain(FIRST);
    const body = page.locator('[data-testid="release-history-field"][data-field="body"]');
    expect(await body.getAttribute('data-changed')).toBe('false');
    await page.screenshot({ path: screenshotPath('release-history-2-comparison') });

    await page.getByRole('button', { name: 'Restore into the draft' }).click();
    await page.waitForFunction(
      (expected) => (document.querySelector('input[name="headline"]') as HTMLInputElement | null)?.value === expected,
      FIRST,
      { timeout: 30_000 },
    );
    const draft = await app.documents(PRESS_RELEASE_UID).findOne({ documentId, locale: 'ru', status: 'draft' });
    expect(draft?.headline).toBe(FIRST);
    const published = await app.documents(PRESS_RELEASE_UID).findOne({ documentId, locale: 'ru', status: 'published' });
    expect(published?.publishedAt).toEqual(publishedBefore?.publishedAt); // nothing was published again
    await page.screenshot({ path: screenshotPath('release-history-3-restored') });
  });
});
