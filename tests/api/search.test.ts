import type { Core } from '@strapi/strapi';
import { api, graphql, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { createRelease, deleteRelease, PRESS_RELEASE_UID } from '../helpers/content';
import { importPressRelease } from '../../src/editorial/release-import/import-press-release';
import { parseReleaseText } from '../../src/editorial/release-text/parse-release-text';
import { bringReadModelInStep } from '../../src/read-side/read-model/read-model-rebuild';
import { responseCacheFor } from '../../src/delivery/http-cache/response-cache-registry';

let app: Core.Strapi;
beforeAll(async () => {
  app = await startNewsroom();
});
afterAll(async () => {
  await stopNewsroom(app);
});

const search = (q: string, locale?: string, extra: Record<string, string> = {}) =>
  api(app)
    .get('/api/search')
    .query({ q, ...(locale ? { locale } : {}), ...extra });

const headlines = (body: { data: { headline: string }[] }) => body.data.map((hit) => hit.headline);

describe('search understands Russian and English', () => {
  it.each([
    ['прокуроров', 'ru'],
    ['преступность', 'ru'],
    ['прокурор', 'ru'],
    ['Кении', 'ru'],
    ['prosecutors', 'en'],
    ['prosecutor', 'en'],
    ['crimes', 'en'],
  ])('«%s» (%s) finds the Baku–Nairobi story through stemming', async (q, locale) => {
    const res = await search(q, locale);
    expect(res.status).toBe(200);
    expect(res.body.data[0].headline).toMatch(locale === 'ru' ? /^Баку и Найроби/ : /^Baku and Nairobi/);
    expect(res.body.data[0].snippet).toContain('<mark>');
    expect(res.body.meta.pagination).toMatchObject({ page: 1, pageSize: 25, total: res.body.data.length });
  });

  it('keeps locales apart', async () => {
    expect((await search('prosecutors', 'ru')).body.data).toEqual([]);
  });

  it('supports quoted phrases, or and -word', async () => {
    expect((await search('"совместными усилиями"', 'ru')).body.data.length).toBeGreaterThan(0);
    expect((await search('"усилиями совместными"', 'ru')).body.data).toEqual([]);
    expect((await search('прокуроров -Кения', 'ru')).body.data).toEqual([]);
    expect((await search('несуществующееслово or Найроби', 'ru')).body.data.length).toBeGreaterThan(0);
  });

  it('ranks a headline match above a body match and escapes snippets', async () => {
    const inHeadline = await createRelease(app, {
      headline: 'Zzrank шахматы в заголовке',
      paragraphs: ['Обычный текст без слова.'],
    });
    const inBody = await createRelease(app, {
      headline: 'Zzrank другой заголовок',
      paragraphs: ['Правило: 5 < 6 & шахматы только в тексте.'],
    });
    try {
      const res = await search('шахматы', 'ru');
      expect(headlines(res.body)).toEqual(['Zzrank шахматы в заголовке', 'Zzrank другой заголовок']);
      const snippet = res.body.data[1].snippet as string;
      expect(snippet).toContain('5 &lt; 6 &amp; <mark>шахматы</mark>');
    } finally {
      await deleteRelease(app, inHeadline.documentId);
      await deleteRelease(app, inBody.documentId);
    }
  });

  it('paginates', async () => {
    const created = [];
    for (let i = 0; i < 3; i += 1) created.push(await createRelease(app, { headline: `Zzpage пагинация номер ${i}` }));
    try {
      const first = await search('пагинация', 'ru', { pageSize: '2' });
      expect(first.body.data).toHaveLength(2);
      expect(first.body.meta.pagination).toEqual({ page: 1, pageSize: 2, pageCount: 2, total: 3 });
      const second = await search('пагинация', 'ru', { pageSize: '2', page: '2' });
      expect(second.body.data).toHaveLength(1);
      const past = await search('пагинация', 'ru', { pageSize: '2', page: '5' });
      expect(past.body.data).toEqual([]);
      expect(past.body.meta.pagination.total).toBe(3);
    } finally {
      for (const release of created) await deleteRelease(app, release.documentId);
    }
  });
});

describe('the index follows the content', () => {
  it('reflects publish, update, unpublish and delete at once; drafts are never found', async () => {
    const documents = app.documents(PRESS_RELEASE_UID);
    const release = await createRelease(app, { headline: 'Zzindex черновик про вулканы', publish: false });
    expect((await search('вулканы', 'ru')).body.data).toEqual([]);

    await documents.publish({ documentId: release.documentId, locale: 'ru' });
    expect(headlines((await search('вулканы', 'ru')).body)).toEqual(['Zzindex черновик про вулканы']);

    await documents.update({
      documentId: release.documentId,
      locale: 'ru',
      data: { headline: 'Zzindex новости про гейзеры' } as never,
    });
    // The draft changed, the published version did not: search shows what the public sees.
    expect(headlines((await search('вулканы', 'ru')).body)).toEqual(['Zzindex черновик про вулканы']);
    await documents.publish({ documentId: release.documentId, locale: 'ru' });
    expect((await search('вулканы', 'ru')).body.data).toEqual([]);
    expect(headlines((await search('гейзеры', 'ru')).body)).toEqual(['Zzindex новости про гейзеры']);

    await documents.unpublish({ documentId: release.documentId, locale: 'ru' });
    expect((await search('гейзеры', 'ru')).body.data).toEqual([]);

    await documents.publish({ documentId: release.documentId, locale: 'ru' });
    expect((await search('гейзеры', 'ru')).body.data).toHaveLength(1);
    await deleteRelease(app, release.documentId);
    expect((await search('гейзеры', 'ru')).body.data).toEqual([]);
  });

  it('indexes a release written inside a transaction (the importer) as soon as it commits', async () => {
    const imported = await importPressRelease(app, parseReleaseText('Zzimport про ледники\n\nЛедники тают быстрее.'), {
      locale: 'ru',
      publish: true,
    });
    try {
      expect(headlines((await search('ледники', 'ru')).body)).toEqual(['Zzimport про ледники']);
    } finally {
      await deleteRelease(app, imported.documentId);
    }
  });
});

describe('bad queries', () => {
  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['10,000 characters', 'a'.repeat(10_000)],
  ])('answers %s with a 400 and a message', async (_name, q) => {
    const res = await search(q, 'ru');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/"q"/);
  });

  it('refuses a query string too long for the server with a 4xx (Node answers 431 before the app)', async () => {
    const res = await search('а'.repeat(10_000), 'ru');
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it('answers a missing q, an unknown locale, a bad page and unknown parameters with 400', async () => {
    expect((await api(app).get('/api/search')).status).toBe(400);
    expect((await search('test', 'xx')).status).toBe(400);
    expect((await search('test', 'ru', { page: '-1' })).status).toBe(400);
    expect((await search('test', 'ru', { filters: 'x' })).status).toBe(400);
  });

  it.each([
    ['only stop words', 'the of and', 'en', false],
    ['stray operators', '& | ! ( ) : * <-> " -', 'ru', false],
    ['an unbalanced quote', '"прокурор', 'ru', true],
    ['SQL fragments', "'; DROP TABLE press_releases; --", 'en', false],
    ['a union injection', "x' UNION SELECT password FROM admin_users --", 'en', false],
    ['odd Unicode', '\u202e\ud83d\ude00\u0301\ufeff', 'ru', false],
  ])('answers %s with 200 and what it matches', async (_name, q, locale, findsTheStory) => {
    const res = await search(q, locale);
    expect(res.status).toBe(200);
    const slugs = (res.body.data as { slug: string }[]).map((hit) => hit.slug);
    expect(slugs.includes('baku-i-nayrobi-budut-borotsya-protiv-prestupnosti-sovmestnymi-usiliyami')).toBe(
      findsTheStory,
    );
    if (!findsTheStory) expect(slugs).toEqual([]);
    expect(await app.db.query(PRESS_RELEASE_UID).count({})).toBeGreaterThan(0);
  });
});

describe('search over GraphQL', () => {
  it('returns the same hits as REST', async () => {
    const res = await graphql(
      app,
      'query($q: String!) { searchPressReleases(q: $q, locale: "ru") ' +
        '{ hits { documentId headline snippet } pagination { total } } }',
      { q: 'прокуроров' },
    );
    expect(res.body.errors).toBeUndefined();
    const rest = await search('прокуроров', 'ru');
    expect(res.body.data.searchPressReleases.hits.map((h: { documentId: string }) => h.documentId)).toEqual(
      rest.body.data.map((h: { documentId: string }) => h.documentId),
    );
    expect(res.body.data.searchPressReleases.pagination.total).toBe(rest.body.meta.pagination.total);
  });

  it('reports bad input as a GraphQL error, not a 500', async () => {
    const res = await graphql(app, '{ searchPressReleases(q: "") { hits { headline } } }');
    expect(res.status).toBeLessThan(500);
    expect(res.body.errors[0].message).toMatch(/"q" is empty/);
  });
});

describe('the search rows at start', () => {
  it('are brought in step with the releases: a lost row, a release changed behind the app', async () => {
    const found = async () => {
      responseCacheFor(app).clear(); // the changes below bypass the app's write path
      return headlines((await search('Найроби', 'ru')).body).some((h) => h.startsWith('Баку и Найроби'));
    };
    const story = `SELECT id FROM press_releases
      WHERE locale = 'ru' AND published_at IS NOT NULL AND headline LIKE 'Баку и Найроби%'`;
    expect(await bringReadModelInStep(app)).toBe(0);
    expect(await found()).toBe(true);
    // A lost read-model row: the story disappears from search…
    await app.db.connection.raw(`DELETE FROM newsroom_public_releases WHERE row_id IN (${story})`);
    expect(await found()).toBe(false);
    // …until the start-up check notices and projects it again.
    expect(await bringReadModelInStep(app)).toBe(1);
    expect(await found()).toBe(true);
    // An embargo written into press_releases behind the app's back is found by the same check.
    await app.db.connection.raw(
      `UPDATE press_releases SET embargo_until = now() + interval '1 day' WHERE id IN (${story})`,
    );
    expect(await bringReadModelInStep(app)).toBe(1);
    expect(await found()).toBe(false);
    await app.db.connection.raw(`UPDATE press_releases SET embargo_until = NULL WHERE id IN (${story})`);
    expect(await bringReadModelInStep(app)).toBe(1);
    expect(await found()).toBe(true);
    expect(await bringReadModelInStep(app)).toBe(0);
  });
});
