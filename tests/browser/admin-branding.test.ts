import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import type { Browser, Page } from 'playwright-core';
import { MARKETPLACE_ACTION } from '../../src/editorial/newsroom-setup/no-marketplace';
import { describeInBrowser, launchChromium, screenshotPath, startNewsroomWithAdminPanel } from '../helpers/browser';
import { api, PROJECT_ROOT, stopNewsroom } from '../helpers/newsroom-app';
import { createOwnDatabase, type OwnDatabase } from '../helpers/own-database';

const FIRST_ADMIN = {
  firstname: 'Nadia',
  lastname: 'Editor-in-Chief',
  email: 'first.admin@newsroom.test',
  password: 'First-Admin-Passw0rd',
};
/** The newsroom's mark: its SVG's own background colour, wherever the panel shows it. */
const LOGO_COLOUR = '1b2a4a';
/**
 * Links to the vendor's site but for its documentation (the help buttons of features) and the "current plan" line of
 * Settings' overview of the software (Strapi's pricing).
 */
const VENDOR_LINKS =
  'a[href*="strapi.io"]:not([href^="https://docs.strapi.io/"]):not([href^="https://strapi.io/pricing"]):visible';
/**
 * A vendor's banner, newsletter, tour or shop. (Settings may still name the Strapi version the newsroom runs on, and
 * a help button link to Strapi's documentation of a feature.)
 */
const VENDOR_TEXT = [
  /Keep me updated/,
  /Introducing the new Media Library/,
  /Read blog post/,
  /Marketplace/,
  /guided tour/i,
  /Strapi Cloud/,
];

describeInBrowser("the admin panel is the newsroom's, from the first screen on", () => {
  const savedDatabaseUrl = process.env.DATABASE_URL;
  let database: OwnDatabase;
  let app: Core.Strapi;
  let baseUrl: string;
  let browser: Browser;
  /** Every address the panel asked for that is not this server's. */
  const elsewhere = new Set<string>();

  /** A new browser profile (nothing remembered), in English unless told. */
  async function freshPage(language?: 'ru'): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    if (language)
      await context.addInitScript((locale) => localStorage.setItem('strapi-admin-language', locale), language);
    const page = await context.newPage();
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (!['data:', 'blob:'].includes(url.protocol) && url.origin !== baseUrl) elsewhere.add(request.url());
    });
    return page;
  }

  /** What a reader sees of the page (hidden elements left out). */
  const visibleText = (page: Page) => page.locator('body').innerText();

  /** The SVG an <img> shows, whether the bundle inlined it or serves it as a file. */
  async function imageSource(page: Page, selector: string): Promise<string> {
    const src = (await page.locator(selector).first().getAttribute('src')) ?? '';
    if (src.startsWith('data:')) return decodeURIComponent(src.slice(src.indexOf(',') + 1));
    return (await api(app).get(new URL(src, baseUrl).pathname)).text;
  }

  async function expectNoVendorText(page: Page, also: RegExp[] = []): Promise<void> {
    const text = `${page.url()}\n${await visibleText(page)}`;
    for (const vendor of [...VENDOR_TEXT, ...also]) expect(text).not.toMatch(vendor);
  }

  beforeAll(async () => {
    // A newsroom nobody has used yet: the shared test database has admin accounts from other files.
    database = await createOwnDatabase('newsroom_first_admin');
    process.env.DATABASE_URL = database.url;
    ({ app, baseUrl } = await startNewsroomWithAdminPanel());
    browser = await launchChromium();
  }, 360_000);

  afterAll(async () => {
    await browser?.close();
    if (app) await stopNewsroom(app);
    process.env.DATABASE_URL = savedDatabaseUrl;
    await database?.drop();
  });

  it('greets the first administrator with the newsroom, its mark and tab title, and no newsletter box', async () => {
    const page = await freshPage();
    await page.goto(`${baseUrl}/admin`);
    await page.waitForURL(/\/admin\/auth\/register-admin/);
    await page.getByRole('heading', { name: 'Welcome to Newsroom!' }).waitFor();
    await page.screenshot({ path: screenshotPath('admin-branding-1-register-en') });

    expect(await imageSource(page, 'img')).toContain(LOGO_COLOUR);
    expect(await page.title()).toBe('Newsroom');
    expect(await page.getByRole('checkbox').count()).toBe(0);
    await expectNoVendorText(page, [/Strapi/]);
  });

  it('greets them in Russian too, where they register', async () => {
    const page = await freshPage('ru');
    await page.goto(`${baseUrl}/admin`);
    await page.getByRole('heading', { name: 'Добро пожаловать в Newsroom!' }).waitFor();
    expect(await page.getByText('Учётные данные используются только для входа в Newsroom.').count()).toBe(1);
    expect(await page.getByRole('checkbox').count()).toBe(0);
    await expectNoVendorText(page, [/Strapi/]);
    await page.screenshot({ path: screenshotPath('admin-branding-2-register-ru') });

    for (const field of ['firstname', 'lastname', 'email', 'password'] as const) {
      await page.fill(`input[name="${field}"]`, FIRST_ADMIN[field]);
    }
    await page.fill('input[name="confirmPassword"]', FIRST_ADMIN.password);
    await page.click('button[type="submit"]');
    // Straight to the home page: no sign-up step (Strapi's /usecase page, which posts to its analytics).
    await page.waitForURL(/\/admin\/?$/);
    await page.getByRole('navigation').first().waitFor();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: screenshotPath('admin-branding-3-home-ru') });
    expect(await page.getByRole('link', { name: /Маркетплейс|Marketplace/ }).count()).toBe(0);
    expect(await page.title()).toMatch(/ \| Newsroom$/);
    await expectNoVendorText(page);
  });

  it('names the newsroom on every page, with no vendor banner and no Marketplace', async () => {
    const page = await freshPage();
    await page.goto(`${baseUrl}/admin`);
    await page.getByRole('heading', { name: 'Welcome to Newsroom!' }).waitFor();
    expect(await page.getByText('Log in to your Newsroom account').count()).toBe(1);
    await page.screenshot({ path: screenshotPath('admin-branding-4-login-en') });
    await page.fill('input[name="email"]', FIRST_ADMIN.email);
    await page.fill('input[name="password"]', FIRST_ADMIN.password);
    await page.click('button[type="submit"]');
    await page.waitForURL(/\/admin\/?$/);

    const navigation = page.getByRole('navigation').first();
    await navigation.waitFor();
    expect(await imageSource(page, 'nav img')).toContain(LOGO_COLOUR);
    expect(await navigation.getByText('Newsroom', { exact: true }).count()).toBe(1);
    for (const [pathname, shot] of [
      ['/admin', 'admin-branding-5-home-en'],
      ['/admin/content-manager', 'admin-branding-6-content-en'],
      ['/admin/plugins/upload', 'admin-branding-7-media-en'],
      ['/admin/settings', 'admin-branding-8-settings-en'],
    ]) {
      await page.goto(`${baseUrl}${pathname}`);
      await navigation.waitFor();
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: screenshotPath(shot), fullPage: true });
      expect(await page.getByRole('link', { name: 'Marketplace' }).count()).toBe(0);
      expect(await page.locator(VENDOR_LINKS).evaluateAll((links) => links.map((link) => link.outerHTML))).toEqual([]);
      expect(await page.title()).toMatch(/^(.+ \| )?Newsroom$/);
      await expectNoVendorText(page);
    }
  });

  it("gives no role the Marketplace permission, the super admin's included", async () => {
    expect(await app.db.query('admin::permission').count({ where: { action: MARKETPLACE_ACTION } })).toBe(0);
  });

  it("serves the newsroom's favicon", async () => {
    const favicon = await api(app).get('/favicon.ico');
    expect(favicon.status).toBe(200);
    expect(Buffer.compare(favicon.body as Buffer, readFileSync(path.join(PROJECT_ROOT, 'favicon.png')))).toBe(0);
  });

  it('asked no other host for anything on any of these pages', () => {
    expect([...elsewhere]).toEqual([]);
  });
});
