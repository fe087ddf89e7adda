import type { Core } from '@strapi/strapi';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import Parser from 'rss-parser';
import { api, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { createRelease, deleteRelease, PRESS_RELEASE_UID } from '../helpers/content';
import { bringReadModelInStep } from '../../src/public-read-model/read-model-rebuild';

const RU_HEADLINE = 'Баку и Найроби будут бороться против преступности совместными усилиями';
const EN_HEADLINE = 'Baku and Nairobi will fight crime through joint efforts';

let app: Core.Strapi;
let draftId: string;
let unsafeId: string;
let oldId: string;

beforeAll(async () => {
  app = await startNewsroom();
  draftId = (await createRelease(app, { headline: 'Zzfeeddraft черновик', publish: false })).documentId;
  unsafeId = (
    await createRelease(app, {
      headline: 'Zzfeed <script>alert(1)</script> & «кавычки»',
      paragraphs: ['Текст с <b>разметкой</b> & амперсандом.'],
    })
  ).documentId;
  oldId = (await createRelease(app, { headline: 'Zzfeedold старый релиз' })).documentId;
  // Published three days ago: out of the news sitemap's two-day window.
  await app.db.query(PRESS_RELEASE_UID).updateMany({
    where: { documentId: oldId, publishedAt: { $notNull: true } },
    data: { publishedAt: new Date(Date.now() - 3 * 24 * 3600 * 1000) },
  });
  await bringReadModelInStep(app); // a write behind the app's back: what the start-up check would pick up
});

afterAll(async () => {
  for (const id of [draftId, unsafeId, oldId]) await deleteRelease(app, id);
  await stopNewsroom(app);
});

const parser = new Parser();
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });

describe('feeds', () => {
  it('serves RSS 2.0 that a feed parser reads, with full escaped HTML content', async () => {
    const res = await api(app).get('/feeds/ru/rss.xml');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    expect(XMLValidator.validate(res.text)).toBe(true);
    const feed = await parser.parseString(res.text);
    const titles = feed.items.map((item) => item.title);
    expect(titles).toContain(RU_HEADLINE);
    expect(titles).toContain('Zzfeed <script>alert(1)</script> & «кавычки»');
    expect(titles.join()).not.toContain('Zzfeeddraft');
    const story = feed.items.find((item) => item.title === RU_HEADLINE);
    expect(story?.link).toMatch(/\/ru\/press-releases\/baku-i-nayrobi/);
    expect(story?.['content:encoded']).toContain('<p>По приглашению генерального прокурора Кямрана Алиева');
    const unsafe = feed.items.find((item) => item.title?.startsWith('Zzfeed <script>'));
    expect(unsafe?.['content:encoded']).toContain('Текст с &lt;b&gt;разметкой&lt;/b&gt; &amp; амперсандом.');
  });

  it('serves Atom 1.0 that a feed parser reads', async () => {
    const res = await api(app).get('/feeds/en/atom.xml');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const feed = await parser.parseString(res.text);
    const story = feed.items.find((item) => item.title === EN_HEADLINE);
    expect(story?.content).toContain('In accordance with the instructions');
    expect(story?.link).toMatch(/\/en\/press-releases\/baku-and-nairobi/);
    expect(xml.parse(res.text).feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
  });

  it('serves JSON Feed 1.1', async () => {
    const res = await api(app).get('/feeds/ru/feed.json');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/feed+json; charset=utf-8');
    const feed = JSON.parse(res.text);
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.language).toBe('ru');
    const story = feed.items.find((item: { title: string }) => item.title === RU_HEADLINE);
    expect(story.content_html).toContain('Генеральная прокуратура придает особую важность');
    expect(story.authors).toEqual([{ name: 'БР' }]);
    expect(story.url).toBe(story.id);
    expect(feed.items.length).toBeLessThanOrEqual(50);
  });

  it('answers an unknown locale with 400', async () => {
    const res = await api(app).get('/feeds/xx/rss.xml');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/Unknown locale/);
  });
});

describe('sitemaps', () => {
  it('lists every published release with hreflang alternates', async () => {
    const res = await api(app).get('/sitemap.xml');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/xml/);
    expect(XMLValidator.validate(res.text)).toBe(true);
    const urls = [xml.parse(res.text).urlset.url].flat() as {
      loc: string;
      'xhtml:link'?: { '@hreflang': string; '@href': string }[];
    }[];
    const ru = urls.find((url) => url.loc.includes('/ru/press-releases/baku-i-nayrobi'));
    expect(ru?.['xhtml:link']?.map((link) => link['@hreflang']).sort()).toEqual(['en', 'ru']);
    expect(ru?.['xhtml:link']?.find((link) => link['@hreflang'] === 'en')?.['@href']).toMatch(
      /\/en\/press-releases\/baku-and-nairobi/,
    );
    expect(urls.some((url) => url.loc.includes('zzfeedold'))).toBe(true);
    expect(res.text).not.toContain('zzfeeddraft');
  });

  it('follows the Google News format for the last two days only', async () => {
    const res = await api(app).get('/news-sitemap.xml');
    expect(res.status).toBe(200);
    expect(XMLValidator.validate(res.text)).toBe(true);
    const doc = xml.parse(res.text).urlset;
    expect(doc['@xmlns:news']).toBe('http://www.google.com/schemas/sitemap-news/0.9');
    const urls = [doc.url].flat() as { loc: string; 'news:news': Record<string, unknown> }[];
    const story = urls.find((url) => url.loc.includes('/en/press-releases/baku-and-nairobi'));
    expect(story?.['news:news']).toMatchObject({
      'news:publication': { 'news:name': 'Newsroom', 'news:language': 'en' },
      'news:title': EN_HEADLINE,
    });
    expect(String(story?.['news:news']['news:publication_date'])).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(res.text).not.toContain('zzfeedold');
    expect(urls.length).toBeLessThanOrEqual(1000);
  });

  it('is pointed at by robots.txt', async () => {
    const res = await api(app).get('/robots.txt');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/^Sitemap: https?:\/\/\S+\/sitemap\.xml$/m);
    expect(res.text).toMatch(/^Sitemap: https?:\/\/\S+\/news-sitemap\.xml$/m);
  });
});
