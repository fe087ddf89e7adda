/**
 * The reader's pages as a crawler or a messenger reads them: the first response, parsed by a real HTML parser (jsdom,
 * no script run), carries the article and everything a link preview and a search engine look for.
 */
import type { Core } from '@strapi/strapi';
import { JSDOM } from 'jsdom';
import { api, sharedSeedParagraphs, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { bakuNairobiId, createRelease, deleteRelease, PRESS_RELEASE_UID } from '../helpers/content';
import { deleteUploads, makeUploadedImage } from '../helpers/media';

const [kicker, headline, firstParagraph] = sharedSeedParagraphs();
const RU_SLUG = 'baku-i-nayrobi-budut-borotsya-protiv-prestupnosti-sovmestnymi-usiliyami';
const EN_SLUG = 'baku-and-nairobi-will-fight-crime-through-joint-efforts';
const EN_HEADLINE = 'Baku and Nairobi will fight crime through joint efforts';

/** A day as a reader of that language writes it: "7 декабря 2026 г.", "7 December 2026". */
const LONG_DATE = { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' } as const;
const dayIn = (locale: string, iso: string) => new Intl.DateTimeFormat(locale, LONG_DATE).format(new Date(iso));

let app: Core.Strapi;
let storyId: string;
const releases: string[] = [];
const uploads: number[] = [];

beforeAll(async () => {
  app = await startNewsroom();
  storyId = await bakuNairobiId(app);
});
afterAll(async () => {
  for (const documentId of releases) await deleteRelease(app, documentId);
  await deleteUploads(app, uploads);
  await stopNewsroom(app);
});

async function page(path: string) {
  const res = await api(app).get(path).set('accept', 'text/html');
  const document = new JSDOM(res.text).window.document;
  const attr = (selector: string, name: string) => document.querySelector(selector)?.getAttribute(name) ?? undefined;
  const metaOf = (key: string) =>
    attr(`meta[property="${key}"]`, 'content') ?? attr(`meta[name="${key}"]`, 'content') ?? undefined;
  return { res, document, attr, meta: metaOf };
}

describe('an article page, before any script runs', () => {
  it('has the article itself: kicker, headline, source, every paragraph', async () => {
    const { res, document } = await page(`/ru/press-releases/${RU_SLUG}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(document.documentElement.lang).toBe('ru');
    expect(document.querySelector('article .kicker')?.textContent).toBe(kicker);
    expect(document.querySelector('article h1')?.textContent).toBe(headline);
    expect(document.querySelector('article .meta')?.textContent).toContain('БР');
    const paragraphs = [...document.querySelectorAll('article .body p')].map((p) => p.textContent);
    expect(paragraphs[0]).toBe(firstParagraph);
    expect(paragraphs).toHaveLength(6);
  });

  it('has the title, description, canonical and hreflang links, Open Graph and Twitter tags', async () => {
    const { document, attr, meta } = await page(
      `/en/press-releases/baku-and-nairobi-will-fight-crime-through-joint-efforts`,
    );
    expect(document.title).toBe(`${EN_HEADLINE} — Newsroom`);
    const canonical = attr('link[rel="canonical"]', 'href');
    expect(canonical).toMatch(/\/en\/press-releases\/baku-and-nairobi-will-fight-crime-through-joint-efforts$/);
    expect(attr('link[rel="alternate"][hreflang="ru"]', 'href')).toMatch(new RegExp(`/ru/press-releases/${RU_SLUG}$`));
    expect(attr('link[rel="alternate"][hreflang="en"]', 'href')).toBe(canonical);
    expect({
      type: meta('og:type'),
      title: meta('og:title'),
      url: meta('og:url'),
      locale: meta('og:locale'),
      card: meta('twitter:card'),
      twitterTitle: meta('twitter:title'),
    }).toEqual({
      type: 'article',
      title: EN_HEADLINE,
      url: canonical,
      locale: 'en',
      card: 'summary',
      twitterTitle: EN_HEADLINE,
    });
    expect(meta('og:image')).toBeUndefined(); // the seed release has no photo: none is invented
  });

  it('has the NewsArticle JSON-LD inline, the same as /jsonld', async () => {
    const { document } = await page(`/ru/press-releases/${RU_SLUG}`);
    const inline = JSON.parse(String(document.querySelector('script[type="application/ld+json"]')?.textContent));
    const served = await api(app).get(`/api/press-releases/${storyId}/jsonld?locale=ru`);
    expect(inline).toEqual(served.body);
  });

  it('with a cover: og:image and twitter:image with size and alternative text, and the photo with srcset', async () => {
    const fileId = await makeUploadedImage(app, 'zzpage-cover.png', 'Зал заседаний, вид сверху');
    uploads.push(fileId);
    const { documentId } = await createRelease(app, {
      headline: 'Zzpage </script><script>alert(1)</script> заголовок',
      lead: 'Лид со знаками < & > " и \'',
      publish: false,
    });
    releases.push(documentId);
    await app.documents(PRESS_RELEASE_UID).update({ documentId, locale: 'ru', data: { cover: fileId } as never });
    await app.documents(PRESS_RELEASE_UID).publish({ documentId, locale: 'ru' });
    const slug = (await api(app).get(`/api/press-releases/${documentId}?locale=ru`)).body.data.slug;
    const { document, meta } = await page(`/ru/press-releases/${slug}`);
    expect(meta('og:image')).toMatch(/^https?:\/\/[^/]+\/uploads\/.+\.png$/);
    expect(meta('og:image:alt')).toBe('Зал заседаний, вид сверху');
    expect(Number(meta('og:image:width'))).toBeGreaterThan(0);
    expect(meta('twitter:card')).toBe('summary_large_image');
    expect(meta('description')).toBe('Лид со знаками < & > " и \'');
    expect(document.querySelector('article figure.cover img')?.getAttribute('alt')).toBe('Зал заседаний, вид сверху');
    // Text that looks like markup stays text: one JSON-LD block, no script of the headline's.
    expect(document.querySelector('article h1')?.textContent).toBe(
      'Zzpage </script><script>alert(1)</script> заголовок',
    );
    expect(document.querySelectorAll('script')).toHaveLength(2); // the reader's module and the JSON-LD
    expect(JSON.parse(String(document.querySelector('script[type="application/ld+json"]')?.textContent)).headline).toBe(
      'Zzpage </script><script>alert(1)</script> заголовок',
    );
  });

  it('answers with an ETag, Cache-Control and 304, like the API, and in brotli', async () => {
    const first = await api(app).get(`/ru/press-releases/${RU_SLUG}`);
    expect(first.headers.etag).toMatch(/^"/);
    expect(first.headers['cache-control']).toMatch(/^public, max-age=\d+/);
    expect(String(first.headers['surrogate-key']).split(' ')).toContain(`release-${storyId}`);
    const again = await api(app).get(`/ru/press-releases/${RU_SLUG}`).set('if-none-match', first.headers.etag);
    expect(again.status).toBe(304);
    const compressed = await api(app).get(`/ru/press-releases/${RU_SLUG}`).set('accept-encoding', 'br');
    expect(compressed.headers['content-encoding']).toBe('br');
  });
});

describe('a release with neither a lead nor an SEO description', () => {
  it('is described by the start of its first paragraph: page, Open Graph, Twitter, JSON-LD, ninjs, feeds', async () => {
    const { meta, document } = await page(`/ru/press-releases/${RU_SLUG}`);
    const description = String(meta('description'));
    // The first sentence is longer than a preview shows: whole words, then "…".
    expect(description.endsWith('…')).toBe(true);
    expect(firstParagraph.startsWith(description.slice(0, -1))).toBe(true);
    expect(firstParagraph[description.length - 1]).toBe(' ');
    expect(description.length).toBeGreaterThan(100);
    expect(description.length).toBeLessThanOrEqual(160);
    expect([meta('og:description'), meta('twitter:description')]).toEqual([description, description]);
    const inline = JSON.parse(String(document.querySelector('script[type="application/ld+json"]')?.textContent));
    expect(inline.description).toBe(description);
    const ninjs = await api(app).get(`/api/press-releases/${storyId}/ninjs`).query({ locale: 'ru' });
    expect(ninjs.body.descriptions).toEqual([{ role: 'summary', contentType: 'text/plain', value: description }]);
    const feed = JSON.parse((await api(app).get('/feeds/ru/feed.json')).text) as {
      items: { title: string; summary?: string }[];
    };
    expect(feed.items.find((item) => item.title === headline)?.summary).toBe(description);
  });

  it('in English too, and a lead or (for search and previews) an SEO description wins over it', async () => {
    const { meta } = await page(`/en/press-releases/${EN_SLUG}`);
    expect(meta('description')).toMatch(/^In accordance with the instructions .+…$/);
    const { documentId } = await createRelease(app, {
      headline: 'Zzpage описание для поисковиков',
      lead: 'Лид релиза.',
      paragraphs: ['Первый абзац.'],
      publish: false,
    });
    releases.push(documentId);
    await app.documents(PRESS_RELEASE_UID).publish({ documentId, locale: 'ru' });
    const slug = (await api(app).get(`/api/press-releases/${documentId}?locale=ru`)).body.data.slug;
    expect((await page(`/ru/press-releases/${slug}`)).meta('og:description')).toBe('Лид релиза.');
    await app.documents(PRESS_RELEASE_UID).update({
      documentId,
      locale: 'ru',
      data: { seo: { metaDescription: 'Описание для поисковиков и превью.' } } as never,
    });
    await app.documents(PRESS_RELEASE_UID).publish({ documentId, locale: 'ru' });
    const withSeo = await page(`/ru/press-releases/${slug}`);
    expect([withSeo.meta('description'), withSeo.meta('og:description'), withSeo.meta('twitter:description')]).toEqual(
      Array(3).fill('Описание для поисковиков и превью.'),
    );
    const jsonld = await api(app).get(`/api/press-releases/${documentId}/jsonld`).query({ locale: 'ru' });
    expect(JSON.parse(jsonld.text).description).toBe('Описание для поисковиков и превью.');
    // A summary for readers and agencies stays the lead: the SEO description is written for search engines.
    const ninjs = await api(app).get(`/api/press-releases/${documentId}/ninjs`).query({ locale: 'ru' });
    expect(ninjs.body.descriptions).toEqual([{ role: 'summary', contentType: 'text/plain', value: 'Лид релиза.' }]);
  });
});

describe("the publication date, in the reader's language", () => {
  async function published(locale: string): Promise<string> {
    return (await api(app).get(`/api/press-releases/${storyId}`).query({ locale })).body.data.publishedAt;
  }

  it.each([
    ['ru', RU_SLUG, 'ru', /^\d{1,2} [а-я]+ \d{4} г\.$/],
    ['en', EN_SLUG, 'en-GB', /^\d{1,2} [A-Z][a-z]+ \d{4}$/],
  ])('is on the %s article page, under the headline, in <time datetime>', async (locale, slug, dateLocale, shape) => {
    const publishedAt = await published(locale);
    const { document } = await page(`/${locale}/press-releases/${slug}`);
    const times = [...document.querySelectorAll('article .dates time')];
    expect(times.map((time) => [time.getAttribute('datetime'), time.textContent])).toEqual([
      [new Date(publishedAt).toISOString(), dayIn(dateLocale, publishedAt)],
    ]);
    expect(times[0].textContent).toMatch(shape);
    expect(document.querySelector('article .dates')?.previousElementSibling?.className).toBe('meta');
  });

  it.each([
    ['ru', 'ru', headline],
    ['en', 'en-GB', EN_HEADLINE],
  ])('is on the %s list page, beside each headline', async (locale, dateLocale, title) => {
    const publishedAt = await published(locale);
    const { document } = await page(`/?locale=${locale}`);
    const item = [...document.querySelectorAll('.release-list li')].find(
      (li) => li.querySelector('h2')?.textContent === title,
    );
    const time = item?.querySelector('.dates time');
    expect([time?.getAttribute('datetime'), time?.textContent]).toEqual([
      new Date(publishedAt).toISOString(),
      dayIn(dateLocale, publishedAt),
    ]);
    for (const li of document.querySelectorAll('.release-list li'))
      expect(li.querySelector('.dates time')?.getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });
});

describe('the list page and addresses that show nothing', () => {
  it('lists the newest releases of a locale, linked, with hreflang to the other locales', async () => {
    const { res, document, attr } = await page('/?locale=en');
    expect(res.status).toBe(200);
    expect(document.documentElement.lang).toBe('en');
    const links = [...document.querySelectorAll('.release-list h2 a')].map((a) => a.textContent);
    expect(links).toContain(EN_HEADLINE);
    expect(attr('link[rel="alternate"][hreflang="ru"]', 'href')).toMatch(/\/\?locale=ru$/);
  });

  it.each(['/ru/press-releases/no-such-release', '/xx/press-releases/anything', '/?locale=xx'])(
    '%s: a real 404, as an HTML page that says so',
    async (path) => {
      const { res, document, meta } = await page(path);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(document.querySelector('h1')?.textContent).toMatch(/не найден|not found/i);
      expect(meta('robots')).toBe('noindex');
      expect(res.headers['cache-control']).toBeUndefined();
    },
  );
});
