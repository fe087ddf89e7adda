import type { Core } from '@strapi/strapi';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import Parser from 'rss-parser';
import { api, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { createRelease, deleteRelease, PRESS_RELEASE_UID } from '../helpers/content';
import { bringReadModelInStep } from '../../src/read-side/read-model/read-model-rebuild';
import { JSDOM } from 'jsdom';

const RU_HEADLINE = 'Баку и Найроби будут бороться против преступности совместными усилиями';
const EN_HEADLINE = 'Baku and Nairobi will fight crime through joint efforts';

const UNSAFE_HEADLINE = 'Zzfeed <script>alert(1)</script> & «кавычки»';
const UNSAFE_LEAD = `Лид <img src=x onerror=alert(1)> & "кавычки" 'апостроф' a<b`;

let app: Core.Strapi;
let draftId: string;
let unsafeId: string;
let oldId: string;

/** Small sitemap files, so that a few releases fill several (the default is 10,000 URLs a file). */
const URLS_PER_FILE = 2;

beforeAll(async () => {
  process.env.SITEMAP_FILE_URLS = String(URLS_PER_FILE);
  app = await startNewsroom();
  draftId = (await createRelease(app, { headline: 'Zzfeeddraft черновик', publish: false })).documentId;
  unsafeId = (
    await createRelease(app, {
      headline: UNSAFE_HEADLINE,
      lead: UNSAFE_LEAD,
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
  delete process.env.SITEMAP_FILE_URLS;
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
    expect(titles).toContain(UNSAFE_HEADLINE);
    expect(titles.join()).not.toContain('Zzfeeddraft');
    const story = feed.items.find((item) => item.title === RU_HEADLINE);
    expect(story?.link).toMatch(/\/ru\/press-releases\/baku-i-nayrobi/);
    expect(story?.['content:encoded']).toContain('<p>По приглашению генерального прокурора Кямрана Алиева');
    const unsafe = feed.items.find((item) => item.title === UNSAFE_HEADLINE);
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

  it("reads a release's text the same in every feed: markup in a headline or lead stays text", async () => {
    /** What a reader shows for a piece of HTML (a real HTML parser's text of it). */
    const shown = (html: string | undefined) => JSDOM.fragment(`<div>${html ?? ''}</div>`).textContent;
    const rss = await parser.parseString((await api(app).get('/feeds/ru/rss.xml')).text);
    const rssItem = rss.items.find((item) => item.title === UNSAFE_HEADLINE); // RSS <title> is plain text
    expect(rssItem?.content).not.toContain('<img');
    expect(shown(rssItem?.content)).toBe(UNSAFE_LEAD); // <description> is HTML

    const atomText = (await api(app).get('/feeds/ru/atom.xml')).text;
    const atom = await parser.parseString(atomText);
    const atomItem = atom.items.find((item) => shown(item.title) === UNSAFE_HEADLINE); // type="html"
    expect(atomItem).toBeDefined();
    expect(atomItem?.title).not.toContain('<script>');
    const summary = [xml.parse(atomText).feed.entry]
      .flat()
      .find((entry: { title: { '#text': string } }) => shown(entry.title['#text']) === UNSAFE_HEADLINE).summary;
    expect(summary['@type']).toBe('html');
    expect(summary['#text']).not.toContain('<img');
    expect(shown(summary['#text'])).toBe(UNSAFE_LEAD);

    const json = JSON.parse((await api(app).get('/feeds/ru/feed.json')).text);
    const jsonItem = json.items.find((item: { title: string }) => item.title === UNSAFE_HEADLINE); // plain text
    expect(jsonItem.summary).toBe(UNSAFE_LEAD); // plain text too
    expect(shown(jsonItem.content_html)).toContain('Текст с <b>разметкой</b> & амперсандом.');
  });

  it('answers an unknown locale with 400', async () => {
    const res = await api(app).get('/feeds/xx/rss.xml');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/Unknown locale/);
  });
});

describe('sitemaps', () => {
  /** The index's entries, and each file it lists fetched from this server by its path. */
  async function sitemapFiles() {
    const index = await api(app).get('/sitemap.xml');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toMatch(/^application\/xml/);
    expect(XMLValidator.validate(index.text)).toBe(true);
    const parsed = xml.parse(index.text).sitemapindex;
    expect(parsed['@xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    const entries = [parsed.sitemap].flat() as { loc: string; lastmod: string }[];
    const files = [];
    for (const entry of entries) {
      const res = await api(app).get(new URL(entry.loc).pathname);
      expect({ loc: entry.loc, status: res.status }).toEqual({ loc: entry.loc, status: 200 });
      expect(XMLValidator.validate(res.text)).toBe(true);
      const urls = [xml.parse(res.text).urlset.url ?? []].flat() as {
        loc: string;
        lastmod: string;
        'xhtml:link'?: { '@hreflang': string; '@href': string }[];
      }[];
      files.push({ ...entry, path: new URL(entry.loc).pathname, text: res.text, urls });
    }
    return files;
  }

  it('lists every published release, with hreflang alternates, in files that an index points to', async () => {
    const files = await sitemapFiles();
    expect(files.length).toBeGreaterThan(1);
    files.forEach((file, i) => {
      expect(file.path).toBe(`/sitemaps/releases-${i + 1}.xml`);
      expect(file.urls.length).toBeLessThanOrEqual(URLS_PER_FILE);
      // A file's lastmod is its newest release's.
      expect(file.lastmod).toBe(
        file.urls
          .map((url) => url.lastmod)
          .sort()
          .at(-1),
      );
    });
    const urls = files.flatMap((file) => file.urls);
    expect(new Set(urls.map((url) => url.loc)).size).toBe(urls.length);
    const ru = urls.find((url) => url.loc.includes('/ru/press-releases/baku-i-nayrobi'));
    expect(ru?.['xhtml:link']?.map((link) => link['@hreflang']).sort()).toEqual(['en', 'ru']);
    expect(ru?.['xhtml:link']?.find((link) => link['@hreflang'] === 'en')?.['@href']).toMatch(
      /\/en\/press-releases\/baku-and-nairobi/,
    );
    expect(urls.some((url) => url.loc.includes('zzfeedold'))).toBe(true);
    expect(files.map((file) => file.text).join()).not.toContain('zzfeeddraft');
  });

  it('keeps its files stable: a new release goes into the last file and changes no other', async () => {
    const before = await sitemapFiles();
    const { documentId } = await createRelease(app, { headline: 'Zzsitemapnew новый релиз' });
    try {
      const after = await sitemapFiles();
      expect(after.length).toBeGreaterThanOrEqual(before.length);
      for (const [i, file] of before.slice(0, -1).entries()) {
        expect({ path: after[i].path, lastmod: after[i].lastmod, text: after[i].text }).toEqual({
          path: file.path,
          lastmod: file.lastmod,
          text: file.text,
        });
      }
      expect(after.at(-1)?.text).toContain('zzsitemapnew');
    } finally {
      await deleteRelease(app, documentId);
    }
  });

  it('answers 404 for a file past the last one', async () => {
    const files = await sitemapFiles();
    for (const path of [`/sitemaps/releases-${files.length + 1}.xml`, '/sitemaps/releases-0.xml']) {
      const res = await api(app).get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
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
