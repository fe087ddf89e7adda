/**
 * Property-based tests (fast-check): generated query strings, GraphQL documents, search queries and
 * importer files never break the app. Every answer is a 2xx/304 or a 4xx with a JSON error, never a 5xx or
 * a stack trace, and a draft never shows up whatever is asked. Runs are bounded in count and time.
 */
import type { Core } from '@strapi/strapi';
import fc from 'fast-check';
import type { Response } from 'supertest';
import { importPressRelease } from '../../src/release-import/import-press-release';
import { parseReleaseText, ReleaseTextError } from '../../src/release-text/parse-release-text';
import { createRelease, deleteRelease, PRESS_RELEASE_UID } from '../helpers/content';
import { api, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';

const DRAFT_MARKER = 'Zzfuzzdraftmarker';
const RUNS = Number(process.env.PROPERTY_RUNS ?? 120);
const TIME_LIMIT_MS = 40_000;
const STACK_TRACE = /\n\s+at .+:\d+:\d+|"stack(trace)?"\s*:/;

/** Lone surrogates cannot be percent-encoded; a client sends U+FFFD in their place. */
const wellFormed = (text: string) => text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
const encode = (text: string) => encodeURIComponent(wellFormed(text));
let app: Core.Strapi;
let draftId: string;
const importedIds = new Set<string>();

beforeAll(async () => {
  app = await startNewsroom();
  draftId = (await createRelease(app, { headline: `${DRAFT_MARKER} черновик`, paragraphs: [`${DRAFT_MARKER} текст.`], publish: false })).documentId;
});

afterAll(async () => {
  for (const documentId of [draftId, ...importedIds]) await deleteRelease(app, documentId);
  await stopNewsroom(app);
});

/** The checks every public answer must pass. */
function expectSafeAnswer(res: Response, request: string): void {
  const context = `${request} → ${res.status}`;
  if (res.status >= 500) throw new Error(`server error: ${context}\n${res.text?.slice(0, 500)}`);
  const text = res.text ?? '';
  if (STACK_TRACE.test(text)) throw new Error(`stack trace in the answer: ${context}\n${text.slice(0, 500)}`);
  if (text.includes(DRAFT_MARKER)) throw new Error(`a draft leaked: ${context}`);
  // GraphQL answers 200 with errors: an internal error there is a server error all the same.
  if (/INTERNAL_SERVER_ERROR|Internal Server Error/.test(text)) throw new Error(`an internal error: ${context}\n${text.slice(0, 500)}`);
  if (res.status >= 400 && ![414, 431].includes(res.status)) {
    // Node itself refuses oversized URLs and headers (414/431) before the app; everything else is ours.
    if (!/json/.test(String(res.headers['content-type']))) throw new Error(`a non-JSON error: ${context}\n${text.slice(0, 300)}`);
    const message = res.body?.error?.message ?? res.body?.errors?.[0]?.message;
    if (typeof message !== 'string' || message.length === 0) throw new Error(`an error without a message: ${context}\n${text.slice(0, 300)}`);
  }
}

const nasty = fc.constantFrom(
  "' OR 1=1 --",
  "'); DROP TABLE press_releases; --",
  '%', '%zz', '%E0%A4%A', '%00', '%C0%AF', '%FF%FE', '\u0000', '\uD800', '\u202E', '𝔘𝔫𝔦', '👩‍👩‍👧', 'ǅ', 'İ',
  '$where', '$or', '$and', '$containsi', 'draft', 'published', 'DRAFT', '-1', '0', '1e309', '99999999999999999999', 'NaN',
  'headline:desc', 'createdBy:asc', '*', '.', '..', '../..', 'headline.', 'seo..metaTitle:asc', '', 'toString', 'constructor.name', 'abc', '2026-02-30', '__proto__', 'constructor', 'null', 'true', '[]', '{}', '<script>alert(1)</script>',
);
const value = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }), nasty, fc.integer().map(String), fc.string({ minLength: 2000, maxLength: 6000 }));
const key = fc.oneof(
  fc.constantFrom(
    'locale', 'status', 'populate', 'populate[topics]', 'populate[localizations][populate]', 'populate[createdBy]', 'populate[0]',
    'filters[headline][$contains]', 'filters[$or][0][slug][$eq]', 'filters[createdBy][email][$eq]', 'filters[updatedBy][password][$startsWith]',
    'filters[publishedAt][$null]', 'filters[localizations][headline][$contains]', 'filters[topics][name][$eq]', 'filters[embargoUntil][$gt]',
    'sort', 'sort[0]', 'fields[0]', 'fields', 'pagination[page]', 'pagination[pageSize]', 'pagination[start]', 'pagination[limit]', 'pagination[withCount]',
    'publicationState', 'publicationFilter', 'hasPublishedVersion', 'fallbackLocale', 'q', 'page', 'pageSize', 'token', 'query', 'variables',
    'filters[id][$eq]', 'filters[id][$in][0]', 'filters[id][$between][1]', 'filters[embargoUntil][$eq]', 'populate[topics][fields]',
  ),
  fc.string({ maxLength: 20 }),
);
const path = fc.oneof(
  fc.constantFrom('/api/press-releases', '/api/topics', '/api/entities', '/api/sources', '/api/search', '/feeds/ru/rss.xml', '/feeds/en/feed.json', '/sitemap.xml', '/news-sitemap.xml', '/graphql'),
  fc.oneof(fc.string({ maxLength: 30 }), nasty).map((segment) => `/api/press-releases/slug/${encode(segment) || 'x'}`),
  fc.tuple(fc.oneof(fc.string({ maxLength: 30 }), nasty), fc.constantFrom('', '/jsonld', '/ninjs', '/related')).map(([id, suffix]) => `/api/press-releases/${encode(id) || 'x'}${suffix}`),
);
/** Query strings encoded properly, or raw: broken percent-encoding kept, only bytes Node refuses to send escaped. */
const rawEncode = (text: string) => wellFormed(text).replace(/[^\x21-\x7e]/gu, (char) => encodeURIComponent(char).replace(/%25/g, '%')).replace(/[#&=]/g, (char) => encodeURIComponent(char));
const queryString = fc
  .tuple(fc.array(fc.tuple(key, value), { maxLength: 6 }), fc.boolean())
  .map(([pairs, raw]) => pairs.map(([k, v]) => (raw ? `${rawEncode(k)}=${rawEncode(v)}` : `${encode(k)}=${encode(v)}`)).join('&'));

describe('generated input never breaks the public API', () => {
  it('REST and feeds: generated query strings and path segments', async () => {
    await fc.assert(
      fc.asyncProperty(path, queryString, async (target, query) => {
        const url = query ? `${target}?${query}` : target;
        expectSafeAnswer(await api(app).get(url), `GET ${url.slice(0, 200)}`);
      }),
      { numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS },
    );
  });

  it('search: generated queries with operators, quotes, SQL and odd Unicode', async () => {
    const q = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      nasty,
      fc.array(fc.oneof(fc.constantFrom('"', '-', 'or', 'OR', '&', '|', '!', '(', ')', ':*', '<->', '*', 'прокурор', 'Baku'), fc.string({ maxLength: 6 })), { maxLength: 12 }).map((parts) => parts.join(' ')),
      fc.string({ minLength: 300, maxLength: 3000 }),
    );
    await fc.assert(
      fc.asyncProperty(q, fc.constantFrom('ru', 'en', 'az', 'xx', ''), fc.option(value), async (text, locale, page) => {
        const res = await api(app).get('/api/search').query({ q: text, locale, ...(page === null ? {} : { 'pagination[page]': page }) });
        expectSafeAnswer(res, `search q=${JSON.stringify(text.slice(0, 80))} locale=${locale}`);
      }),
      { numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS },
    );
  });

  it('GraphQL: generated documents, arguments and variables', async () => {
    const argument = fc.oneof(
      fc.constantFrom(
        'status: DRAFT', 'status: PUBLISHED', 'locale: "ru"', 'locale: "xx"', 'locale: "*"', 'pagination: { limit: 100000 }', 'pagination: { page: -1, pageSize: 0 }',
        'filters: { headline: { containsi: "zz" } }', 'filters: { publishedAt: { null: true } }', 'filters: { headline: { contains: "\\u0000" } }', 'filters: { slug: { eq: "\\uD800" } }', 'filters: { createdBy: { id: { eq: 1 } } }',
        'sort: "createdBy:asc"', 'sort: ["headline:desc", "nonsense"]', 'sort: ".."', 'sort: ["headline."]', 'hasPublishedVersion: false', 'q: "прокурор"', 'documentId: "x"',
      ),
      fc.tuple(fc.string({ maxLength: 10 }), value).map(([name, v]) => `${name}: ${JSON.stringify(v)}`),
    );
    const field = fc.oneof(
      fc.constantFrom('documentId', 'headline', 'slug', 'body', 'publishedAt', 'createdBy { email }', 'localizations { headline publishedAt }', 'topics { name pressReleases { headline } }', '__typename', 'password'),
      fc.string({ maxLength: 12 }),
    );
    const root = fc.constantFrom('pressReleases', 'pressRelease', 'pressReleases_connection', 'topics', 'searchPressReleases', 'usersPermissionsUsers', 'createPressRelease', 'nope');
    const structured = fc
      .tuple(fc.constantFrom('', 'query ', 'mutation ', 'subscription '), root, fc.array(argument, { maxLength: 3 }), fc.array(field, { minLength: 1, maxLength: 4 }))
      .map(([op, name, args, fields]) => `${op}{ ${name}${args.length ? `(${args.join(', ')})` : ''} { ${fields.join(' ')} } }`);
    const document = fc.oneof(structured, structured, fc.string({ maxLength: 200 }), nasty, fc.constant('{'.repeat(500) + '}'.repeat(500)));
    const variables = fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 3 }), fc.constant({ status: 'DRAFT' }));
    await fc.assert(
      fc.asyncProperty(document, variables, fc.boolean(), async (query, vars, asGet) => {
        const res = asGet
          ? await api(app).get('/graphql').query({ query, ...(vars === undefined ? {} : { variables: JSON.stringify(vars) }) })
          : await api(app).post('/graphql').set('content-type', 'application/json').send({ query, variables: vars });
        expectSafeAnswer(res, `GraphQL ${asGet ? 'GET' : 'POST'} ${JSON.stringify(query).slice(0, 200)}`);
      }),
      { numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS },
    );
  });
});

describe('generated importer files', () => {
  const line = fc.oneof(fc.string({ maxLength: 120 }), fc.string({ unit: 'grapheme', maxLength: 60 }), nasty, fc.constantFrom('БР', 'Баку и Найроби', '', ' ', '\t', '.', 'x'.repeat(400)));
  const sentence = fc.array(fc.constantFrom('Баку', 'Найроби', 'прокуроров', 'сотрудничество', 'Kenya', 'court', '2026', '«договор»'), { minLength: 3, maxLength: 12 }).map((words) => `${words.join(' ')}.`);
  const wellFormed = fc
    .tuple(fc.option(fc.string({ minLength: 1, maxLength: 40 })), fc.string({ minLength: 1, maxLength: 120 }), fc.array(sentence, { minLength: 1, maxLength: 5 }))
    .map(([kicker, headline, paragraphs]) => [kicker, headline.replace(/[.;,]+$/, ''), ...paragraphs].filter((part) => part !== null).join('\n\n'));
  const file = fc.oneof(
    wellFormed,
    fc.array(line, { maxLength: 12 }).map((lines) => lines.join('\n')),
    fc.array(fc.array(line, { minLength: 1, maxLength: 3 }), { maxLength: 6 }).map((blocks) => blocks.map((lines) => lines.join('\n')).join('\n\n')),
    fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes).toString('utf8')),
  );

  it('either imports the whole release or refuses with a message and writes nothing', async () => {
    const outcomes = { imported: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(file, fc.constantFrom('ru', 'en', 'az', 'xx', ''), fc.boolean(), fc.option(fc.oneof(nasty, fc.string({ maxLength: 24 }))), async (text, locale, publish, translationOf) => {
        const before = await app.db.query(PRESS_RELEASE_UID).count({});
        try {
          const release = parseReleaseText(text);
          const result = await importPressRelease(app, release, { locale, publish, translationOf: translationOf ?? undefined });
          importedIds.add(result.documentId);
          outcomes.imported += 1;
          const stored = await app.db.query(PRESS_RELEASE_UID).findMany({ where: { documentId: result.documentId, locale: result.locale } });
          expect(stored.length).toBe(publish ? 2 : 1);
          expect(stored[0].headline).toBe(release.headline);
        } catch (error) {
          const known = error instanceof ReleaseTextError || (error as { name?: string }).name === 'ValidationError';
          if (!known) throw error;
          expect((error as Error).message.length).toBeGreaterThan(10);
          expect(await app.db.query(PRESS_RELEASE_UID).count({})).toBe(before);
          outcomes.refused += 1;
        }
      }),
      {
        numRuns: Math.ceil(RUNS / 2),
        interruptAfterTimeLimit: TIME_LIMIT_MS,
        // Known cases first, so that each outcome is always exercised whatever the generator draws.
        examples: [
          ['Сотрудничество\n\nБаку и Найроби\n\nПрокуроры встретились.', 'ru', false, null],
          ['', 'ru', false, null],
        ],
      },
    );
    // Both outcomes were exercised, so the property says something about each.
    expect(outcomes.imported).toBeGreaterThan(0);
    expect(outcomes.refused).toBeGreaterThan(0);
  });
});

describe('inputs the properties found', () => {
  it.each([
    ['a NUL in a REST path', () => api(app).get('/api/press-releases/%00')],
    ['a NUL in a query parameter', () => api(app).get('/api/search?q=%00&locale=ru')],
    ['a NUL in a GraphQL filter', () => api(app).post('/graphql').send({ query: '{ pressReleases(filters: { headline: { contains: "\\u0000" } }) { headline } }' })],
    ['a NUL in GraphQL variables', () => api(app).post('/graphql').send({ query: 'query($q: String) { pressReleases(filters: { headline: { contains: $q } }) { headline } }', variables: { q: '\u0000' } })],
    ['a GraphQL subscription', () => api(app).post('/graphql').send({ query: 'subscription { pressReleases { headline } }' })],
  ])('%s answers 400 with a message', async (name, send) => {
    const res = await send();
    expect(res.status).toBe(400);
    expectSafeAnswer(res, name);
  });
});
