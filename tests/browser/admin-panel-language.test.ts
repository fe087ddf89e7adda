import type { Core } from '@strapi/strapi';
import type { Browser, Page } from 'playwright-core';
import { describeInBrowser, startAdminPanelInChromium, logInToAdminPanel, screenshotPath } from '../helpers/browser';
import { stopNewsroom } from '../helpers/newsroom-app';
import { bakuNairobiId } from '../helpers/content';

const EDITOR = { email: 'language.editor@newsroom.test', password: 'Language-Editor-Passw0rd' };

describeInBrowser('the admin panel in Russian, calling nobody but this server', () => {
  let app: Core.Strapi;
  let baseUrl: string;
  let browser: Browser;
  let page: Page;
  /** Every address the panel asked for that is not this server's. */
  const elsewhere = new Set<string>();

  beforeAll(async () => {
    ({ app, baseUrl, browser, page } = await startAdminPanelInChromium(EDITOR));
    // The account is kept from an earlier run on the same database, with the language it chose then.
    await app.db.query('admin::user').update({ where: { email: EDITOR.email }, data: { preferedLanguage: null } });
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (!['data:', 'blob:'].includes(url.protocol) && url.origin !== baseUrl) elsewhere.add(request.url());
    });
  }, 360_000);

  afterAll(async () => {
    await browser?.close();
    await stopNewsroom(app);
  });

  it('lets an editor choose Russian in their profile', async () => {
    await logInToAdminPanel(page, baseUrl, EDITOR);
    await page.goto(`${baseUrl}/admin/me`);
    await page.getByRole('combobox', { name: 'Interface language' }).click();
    await page.getByRole('option', { name: 'Русский' }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('button', { name: 'Сохранить' }).waitFor();
    await page.screenshot({ path: screenshotPath('admin-language-1-profile-ru') });
  });

  it('shows the newsroom content types and fields with Russian labels', async () => {
    const uid = 'api::press-release.press-release';
    await page.goto(
      `${baseUrl}/admin/content-manager/collection-types/${uid}/${await bakuNairobiId(app)}?plugins[i18n][locale]=ru`,
    );
    // A field's label, a required one with its asterisk.
    const label = (text: string) =>
      page.locator('label').filter({ hasText: new RegExp(`^${text.replace(/[()]/g, '\\$&')}\\*?$`) });
    await label('Заголовок').waitFor();
    for (const text of ['Надзаголовок', 'Адрес (slug)', 'Лид', 'Текст', 'Эмбарго до', 'Обложка']) {
      expect(await label(text).count()).toBe(1);
    }
    await page.screenshot({ path: screenshotPath('admin-language-2-edit-view-ru'), fullPage: true });
    await page.goto(`${baseUrl}/admin/content-manager/collection-types/${uid}?plugins[i18n][locale]=ru`);
    await page.getByRole('heading', { name: 'Пресс-релиз' }).waitFor();
    await page.getByRole('link', { name: 'Тема', exact: true }).waitFor();
    await page.screenshot({ path: screenshotPath('admin-language-3-list-ru') });
  });

  it('visits the home page, media library and profile without a request to any other host', async () => {
    await page.goto(`${baseUrl}/admin`);
    await page.waitForLoadState('networkidle');
    await page.goto(`${baseUrl}/admin/plugins/upload`);
    await page.waitForLoadState('networkidle');
    await page.goto(`${baseUrl}/admin/me`);
    await page.waitForLoadState('networkidle');
    expect([...elsewhere]).toEqual([]);
  });
});
