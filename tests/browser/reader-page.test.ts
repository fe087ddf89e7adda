import type { Core } from '@strapi/strapi';
import type { Browser, Page } from 'playwright-core';
import { describeInBrowser, launchChromium, listen, screenshotPath } from '../helpers/browser';
import { sharedSeedParagraphs, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { createRelease, deleteRelease, PRESS_RELEASE_UID } from '../helpers/content';
import { deleteUploads, makeUploadedImage } from '../helpers/media';

const [kicker, headline, firstParagraph] = sharedSeedParagraphs();
const RU_SLUG = 'baku-i-nayrobi-budut-borotsya-protiv-prestupnosti-sovmestnymi-usiliyami';

describeInBrowser('the reader page in Chromium', () => {
  let app: Core.Strapi;
  let baseUrl: string;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const policyViolations: string[] = [];

  beforeAll(async () => {
    app = await startNewsroom();
    baseUrl = await listen(app);
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) policyViolations.push(message.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await stopNewsroom(app);
  });

  it('reads the Baku–Nairobi story in Russian', async () => {
    await page.goto(`${baseUrl}/`);
    await page.getByRole('link', { name: headline }).click();
    await page.waitForSelector('article[lang="ru"] h1');
    expect(await page.textContent('article h1')).toBe(headline);
    expect(await page.textContent('article .kicker')).toBe(kicker);
    expect(await page.textContent('article .body p')).toBe(firstParagraph);
    expect(await page.locator('article .body p').count()).toBe(6);
    expect(await page.textContent('article .meta')).toContain('БР');
    expect(await page.locator('article footer li', { hasText: 'Кямран Алиев' }).count()).toBe(1);
    expect(new URL(page.url()).pathname).toBe(
      '/ru/press-releases/baku-i-nayrobi-budut-borotsya-protiv-prestupnosti-sovmestnymi-usiliyami',
    );
    await page.screenshot({ path: screenshotPath('reader-1-russian'), fullPage: true });
  });

  it('switches to English', async () => {
    await page.click('#language-switch a[data-locale="en"]');
    await page.waitForSelector('article[lang="en"] h1');
    expect(await page.textContent('article h1')).toBe('Baku and Nairobi will fight crime through joint efforts');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.screenshot({ path: screenshotPath('reader-2-english'), fullPage: true });
  });

  it('falls back from Azerbaijani, saying so', async () => {
    await page.click('#language-switch a[data-locale="az"]');
    await page.waitForSelector('article .notice');
    expect(await page.textContent('article .notice')).toContain('Русский');
    expect(await page.textContent('article h1')).toBe(headline);
  });

  it('searches «прокурор» and finds the story', async () => {
    await page.click('#language-switch a[data-locale="en"]');
    await page.waitForSelector('article[lang="en"] h1');
    await page.fill('#search-input', 'прокурор');
    await page.click('#search-button');
    await page.waitForSelector('.release-list .snippet mark');
    expect(await page.locator('.release-list h2 a', { hasText: headline }).count()).toBe(1);
    await page.screenshot({ path: screenshotPath('reader-3-search'), fullPage: true });
    await page.locator('.release-list h2 a', { hasText: headline }).click();
    await page.waitForSelector('article[lang="ru"] h1');
  });

  it('shows a draft only through a preview link with a valid token', async () => {
    const draft = await app.documents('api::press-release.press-release').create({
      locale: 'ru',
      data: { headline: 'Zzpreview черновик в браузере' } as never,
    });
    try {
      const handler = app.config.get('admin.preview.config.handler') as (uid: string, p: object) => Promise<string>;
      const url = new URL(
        await handler('api::press-release.press-release', {
          documentId: draft.documentId,
          locale: 'ru',
          status: 'draft',
        }),
      );
      await page.goto(`${baseUrl}${url.pathname}${url.search}`);
      await page.waitForSelector('article .preview');
      expect(await page.textContent('article h1')).toBe('Zzpreview черновик в браузере');
      await page.screenshot({ path: screenshotPath('reader-4-preview') });
      url.searchParams.set('token', 'forged.token');
      await page.goto(`${baseUrl}${url.pathname}${url.search}`);
      await page.waitForSelector('#view h1');
      expect(await page.textContent('#view h1')).toBe('Предпросмотр недоступен');
      expect(await page.content()).not.toContain('Zzpreview черновик в браузере');
    } finally {
      await app.documents('api::press-release.press-release').delete({ documentId: draft.documentId, locale: '*' });
    }
  });

  it('with JavaScript off, still shows the article, the list, and a 404 page for an unknown release', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const plain = await context.newPage();
    const article = await plain.goto(
      `${baseUrl}/ru/press-releases/baku-i-nayrobi-budut-borotsya-protiv-prestupnosti-sovmestnymi-usiliyami`,
    );
    expect(article?.status()).toBe(200);
    expect(await plain.textContent('article h1')).toBe(headline);
    expect(await plain.textContent('article .body p')).toBe(firstParagraph);
    expect(await plain.locator('article .body p').count()).toBe(6);
    expect(await plain.title()).toBe(`${headline} — Newsroom`);
    await plain.screenshot({ path: screenshotPath('reader-5-no-javascript'), fullPage: true });
    await plain.goto(`${baseUrl}/?locale=ru`);
    expect(await plain.locator('.release-list h2 a', { hasText: headline }).count()).toBe(1);
    const missing = await plain.goto(`${baseUrl}/ru/press-releases/no-such-release`);
    expect(missing?.status()).toBe(404);
    expect(await plain.textContent('#view h1')).toBe('Пресс-релиз не найден.');
    await context.close();
  });

  it("dates the story and the list in the reader's language, as the server-rendered page does", async () => {
    const slugs = { ru: RU_SLUG, en: 'baku-and-nairobi-will-fight-crime-through-joint-efforts' };
    const publishedAt = async (locale: 'ru' | 'en') => {
      const res = await fetch(`${baseUrl}/api/press-releases/slug/${slugs[locale]}?locale=${locale}`);
      return new Date(((await res.json()) as { data: { publishedAt: string } }).data.publishedAt);
    };
    const ru = await publishedAt('ru');
    const en = await publishedAt('en');
    const day = (locale: string, date: Date) =>
      new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
    const shown = async (selector: string) => {
      const time = page.locator(selector).first();
      return [await time.getAttribute('datetime'), await time.textContent()];
    };
    // Every view below is drawn by the script: each is reached by a link the script follows, not loaded.
    await page.goto(`${baseUrl}/?locale=en`);
    await page.locator('.release-list h2 a', { hasText: 'Baku and Nairobi' }).click();
    await page.waitForSelector('article[lang="en"] .dates time');
    expect(await shown('article .dates time')).toEqual([en.toISOString(), day('en-GB', en)]);
    expect(await page.textContent('article .dates time')).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}$/);
    await page.click('#language-switch a[data-locale="ru"]');
    await page.waitForSelector('article[lang="ru"] .dates time');
    expect(await shown('article .dates time')).toEqual([ru.toISOString(), day('ru', ru)]);
    expect(await page.textContent('article .dates time')).toMatch(/^\d{1,2} [а-я]+ \d{4} г\.$/);
    const drawn = await page.innerHTML('article .dates');
    await page.click('article ~ p a[data-nav]');
    await page.waitForSelector('#view > h1:text("Последние пресс-релизы")');
    const item = page.locator('.release-list li', { hasText: headline });
    expect([
      await item.locator('.dates time').getAttribute('datetime'),
      await item.locator('.dates time').textContent(),
    ]).toEqual([ru.toISOString(), day('ru', ru)]);
    await page.screenshot({ path: screenshotPath('reader-6-dates'), fullPage: true });
    // The same markup as the server's page, read without the script.
    const context = await browser.newContext({ javaScriptEnabled: false });
    const plain = await context.newPage();
    await plain.goto(`${baseUrl}/ru/press-releases/${RU_SLUG}`);
    expect(await plain.innerHTML('article .dates')).toBe(drawn);
    await context.close();
  });

  it("shows a photo's credit under it, as the server-rendered page does", async () => {
    const fileId = await makeUploadedImage(app, 'zzcredit.png', 'Подписание соглашения');
    // The rights as the upload keeps them from a file's IPTC (tests/api/photo-rights.test.ts).
    await app.db
      .query('plugin::upload.file')
      .update({ where: { id: fileId }, data: { creator: 'Amina Otieno', copyrightNotice: '© 2026 Press office' } });
    const { documentId } = await createRelease(app, { headline: 'Zzcredit Фото с подписью', publish: false });
    try {
      await app.documents(PRESS_RELEASE_UID).update({ documentId, locale: 'ru', data: { cover: fileId } as never });
      await app.documents(PRESS_RELEASE_UID).publish({ documentId, locale: 'ru' });
      await page.goto(`${baseUrl}/?locale=ru`);
      await page.locator('.release-list h2 a', { hasText: 'Zzcredit' }).click(); // drawn by the script
      await page.waitForSelector('article figure.cover .credit');
      expect(await page.textContent('article figure.cover .credit')).toBe('Amina Otieno · © 2026 Press office');
      const credit = 'article figure.cover figcaption';
      const drawn = await page.locator(credit).evaluate((node) => node.outerHTML);
      const context = await browser.newContext({ javaScriptEnabled: false });
      const plain = await context.newPage();
      await plain.goto(page.url());
      expect(await plain.locator(credit).evaluate((node) => node.outerHTML)).toBe(drawn);
      await context.close();
    } finally {
      await deleteRelease(app, documentId);
      await deleteUploads(app, [fileId]);
    }
  });

  it('links to the feeds and shows no script errors or Content-Security-Policy violations', async () => {
    await page.goto(`${baseUrl}/?locale=en`);
    await page.waitForSelector('.release-list li');
    expect(await page.getAttribute('#feed-links a >> nth=0', 'href')).toBe('/feeds/en/rss.xml');
    expect(pageErrors).toEqual([]);
    expect(policyViolations).toEqual([]);
  });
});
