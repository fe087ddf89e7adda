/**
 * Property-based tests (fast-check): generated query strings, GraphQL documents, search queries and
 * importer files never break the app. Every answer is a 2xx/304 or a 4xx with a JSON error, never a 5xx or
 * a stack trace, and no hidden release (a draft, an unpublished one, an embargoed one, a draft translation) shows up
 * whatever is asked. Each property runs its full count (an interrupt by the time limit is a failure) and says how
 * many runs it made and with which seed.
 */
import type { Core } from '@strapi/strapi';
import fc from 'fast-check';
import type { Response } from 'supertest';
import { importPressRelease } from '../../src/editorial/release-import/import-press-release';
import { parseReleaseText, ReleaseTextError } from '../../src/editorial/release-text/parse-release-text';
import { createRelease, deleteRelease, PRESS_RELEASE_UID } from '../helpers/content';
import { api, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';

/** One marker word per kind of hidden release; none may appear in any public answer. */
const HIDDEN_MARKERS = {
  draft: 'Zzfuzzdraftmarker',
  unpublished: 'Zzfuzzunpublishedmarker',
  embargoed: 'Zzfuzzembargomarker',
  draftTranslation: 'Zzfuzztranslationmarker',
};
const RUNS = Number(process.env.PROPERTY_RUNS ?? 500);
/** Generous: a loaded machine must finish every run; a property that cannot is a failure, not a shorter test. */
const TIME_LIMIT_MS = 240_000;

/** fast-check settings shared by every property: the full count, interrupts as failures. */
function settings<T>(numRuns: number, extra: fc.Parameters<T> = {}): fc.Parameters<T> {
  return { numRuns, interruptAfterTimeLimit: TIME_LIMIT_MS, markInterruptAsFailure: true, ...extra };
}

/** Runs a property and prints how many runs it made (and the seed, to replay one), failing on fewer than asked. */
async function assertProperty<Ts extends unknown[]>(
  name: string,
  property: fc.IAsyncProperty<Ts>,
  parameters: fc.Parameters<Ts>,
): Promise<void> {
  const details = await fc.check(property, parameters);
  console.log(`property "${name}": ${details.numRuns} runs (${details.numSkips} skipped), seed ${details.seed}`);
  if (details.failed || details.interrupted)
    throw new Error(fc.defaultReportMessage(details) ?? `property "${name}" failed`);
  expect(details.numRuns).toBe(parameters.numRuns);
}
const STACK_TRACE = /\n\s+at .+:\d+:\d+|"stack(trace)?"\s*:/;

/** Lone surrogates cannot be percent-encoded; a client sends U+FFFD in their place. */
const wellFormed = (text: string) =>
  text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
const encode = (text: string) => encodeURIComponent(wellFormed(text));
let app: Core.Strapi;
/** Releases with no public version at all: their documentIds must not show either. */
const hiddenIds: string[] = [];
const fixtureIds: string[] = [];
const importedIds = new Set<string>();

/** Every kind of release the public must not see, each carrying its marker in headline and text. */
async function createHiddenReleases(): Promise<void> {
  const documents = app.documents(PRESS_RELEASE_UID);
  const withMarker = (marker: string, publish: boolean) =>
    createRelease(app, { headline: `${marker} релиз`, paragraphs: [`${marker} текст.`], publish });
  hiddenIds.push((await withMarker(HIDDEN_MARKERS.draft, false)).documentId);
  const unpublished = await withMarker(HIDDEN_MARKERS.unpublished, true);
  await documents.unpublish({ documentId: unpublished.documentId, locale: 'ru' });
  hiddenIds.push(unpublished.documentId);
  const embargoed = await withMarker(HIDDEN_MARKERS.embargoed, false);
  const inAYear = new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString();
  await documents.update({ documentId: embargoed.documentId, locale: 'ru', data: { embargoUntil: inAYear } as never });
  await documents.publish({ documentId: embargoed.documentId, locale: 'ru' });
  hiddenIds.push(embargoed.documentId);
  // A public Russian release whose English translation is a draft.
  const original = await createRelease(app, {
    headline: 'Публичный релиз с черновиком перевода',
    paragraphs: ['Текст.'],
  });
  await documents.update({
    documentId: original.documentId,
    locale: 'en',
    data: { headline: `${HIDDEN_MARKERS.draftTranslation} draft`, body: [] } as never,
  });
  fixtureIds.push(...hiddenIds, original.documentId);
}

beforeAll(async () => {
  app = await startNewsroom();
  await createHiddenReleases();
});

afterAll(async () => {
  for (const documentId of [...fixtureIds, ...importedIds]) await deleteRelease(app, documentId);
  await stopNewsroom(app);
});

/** The checks every public answer must pass. */
function expectSafeAnswer(res: Response, request: string): void {
  const context = `${request} → ${res.status}`;
  if (res.status >= 500) throw new Error(`server error: ${context}\n${res.text?.slice(0, 500)}`);
  const text = res.text ?? '';
  if (STACK_TRACE.test(text)) throw new Error(`stack trace in the answer: ${context}\n${text.slice(0, 500)}`);
  // The hidden releases' texts and ids (a request may carry a marker word, and an error may echo it back).
  for (const [kind, marker] of Object.entries(HIDDEN_MARKERS)) {
    if (text.includes(`${marker} релиз`) || text.includes(`${marker} текст`) || text.includes(`${marker} draft`))
      throw new Error(`a hidden release (${kind}) leaked: ${context}`);
  }
  const leakedId = hiddenIds.find((documentId) => text.includes(documentId) && !request.includes(documentId));
  if (leakedId) throw new Error(`a hidden release's documentId leaked: ${context}`);
  // GraphQL answers 200 with errors: an internal error there is a server error all the same.
  if (/INTERNAL_SERVER_ERROR|Internal Server Error/.test(text))
    throw new Error(`an internal error: ${context}\n${text.slice(0, 500)}`);
  if (res.status >= 400 && ![414, 431].includes(res.status)) {
    // Node itself refuses oversized URLs and headers (414/431) before the app; everything else is ours.
    if (!/json/.test(String(res.headers['content-type'])))
      throw new Error(`a non-JSON error: ${context}\n${text.slice(0, 300)}`);
    const message = res.body?.error?.message ?? res.body?.errors?.[0]?.message;
    if (typeof message !== 'string' || message.length === 0)
      throw new Error(`an error without a message: ${context}\n${text.slice(0, 300)}`);
  }
}

const nasty = fc.constantFrom(
  "' OR 1=1 --",
  "'); DROP TABLE press_releases; --",
  '%',
  '%zz',
  '%E0%A4%A',
  '%00',
  '%C0%AF',
  '%FF%FE',
  '\u0000',
  '\uD800',
  '\u202E',
  '𝔘𝔫𝔦',
  '👩‍👩‍👧',
  'ǅ',
  'İ',
  '$where',
  '$or',
  '$and',
  '$containsi',
  'draft',
  'published',
  'DRAFT',
  '-1',
  '0',
  '1e309',
  '99999999999999999999',
  'NaN',
  'headline:desc',
  'createdBy:asc',
  '*',
  '.',
  '..',
  '../..',
  'headline.',
  'seo..metaTitle:asc',
  '',
  'toString',
  'constructor.name',
  'abc',
  '2026-02-30',
  '__proto__',
  'constructor',
  'null',
  'true',
  '[]',
  '{}',
  '<script>alert(1)</script>',
);
const value = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  nasty,
  fc.integer().map(String),
  fc.string({ minLength: 2000, maxLength: 6000 }),
  // The hidden releases' own words: a filter or search on them must still find nothing.
  fc.constantFrom(...Object.values(HIDDEN_MARKERS), 'Zz', 'Zzfuzz'),
);
const key = fc.oneof(
  fc.constantFrom(
    'locale',
    'status',
    'populate',
    'populate[topics]',
    'populate[localizations][populate]',
    'populate[createdBy]',
    'populate[0]',
    'filters[headline][$contains]',
    'filters[$or][0][slug][$eq]',
    'filters[createdBy][email][$eq]',
    'filters[updatedBy][password][$startsWith]',
    'filters[publishedAt][$null]',
    'filters[localizations][headline][$contains]',
    'filters[topics][name][$eq]',
    'filters[embargoUntil][$gt]',
    'sort',
    'sort[0]',
    'fields[0]',
    'fields',
    'pagination[page]',
    'pagination[pageSize]',
    'pagination[start]',
    'pagination[limit]',
    'pagination[withCount]',
    'publicationState',
    'publicationFilter',
    'hasPublishedVersion',
    'fallbackLocale',
    'q',
    'page',
    'pageSize',
    'token',
    'query',
    'variables',
    'filters[id][$eq]',
    'filters[id][$in][0]',
    'filters[id][$between][1]',
    'filters[embargoUntil][$eq]',
    'populate[topics][fields]',
  ),
  fc.string({ maxLength: 20 }),
);
const path = fc.oneof(
  fc.constantFrom(
    '/api/press-releases',
    '/api/topics',
    '/api/entities',
    '/api/sources',
    '/api/search',
    '/feeds/ru/rss.xml',
    '/feeds/en/feed.json',
    '/sitemap.xml',
    '/news-sitemap.xml',
    '/graphql',
  ),
  fc.oneof(fc.string({ maxLength: 30 }), nasty).map((segment) => `/api/press-releases/slug/${encode(segment) || 'x'}`),
  fc
    .tuple(fc.oneof(fc.string({ maxLength: 30 }), nasty), fc.constantFrom('', '/jsonld', '/ninjs', '/related'))
    .map(([id, suffix]) => `/api/press-releases/${encode(id) || 'x'}${suffix}`),
);
/** Query strings encoded properly, or raw: broken percent-encoding kept, only bytes Node refuses to send escaped. */
const rawEncode = (text: string) =>
  wellFormed(text)
    .replace(/[^\x21-\x7e]/gu, (char) => encodeURIComponent(char).replace(/%25/g, '%'))
    .replace(/[#&=]/g, (char) => encodeURIComponent(char));
const queryString = fc
  .tuple(fc.array(fc.tuple(key, value), { maxLength: 6 }), fc.boolean())
  .map(([pairs, raw]) =>
    pairs.map(([k, v]) => (raw ? `${rawEncode(k)}=${rawEncode(v)}` : `${encode(k)}=${encode(v)}`)).join('&'),
  );

/**
 * Query strings in Strapi's own shapes (real fields and operators, nested logic, sorts, fields, pages) with hostile
 * values.
 */
const FIELDS = [
  'headline',
  'kicker',
  'lead',
  'slug',
  'body',
  'issuedAt',
  'embargoUntil',
  'publishedAt',
  'createdAt',
  'updatedAt',
  'locale',
  'documentId',
  'id',
  'topics.name',
  'entities.name',
  'entities.kind',
  'source.name',
  'seo.metaTitle',
  'cover.name',
  'localizations.headline',
  'localizations.publishedAt',
  'createdBy.email',
];
const OPERATORS = [
  '$eq',
  '$eqi',
  '$ne',
  '$nei',
  '$lt',
  '$lte',
  '$gt',
  '$gte',
  '$in',
  '$notIn',
  '$contains',
  '$notContains',
  '$containsi',
  '$notContainsi',
  '$null',
  '$notNull',
  '$between',
  '$startsWith',
  '$startsWithi',
  '$endsWith',
  '$endsWithi',
];
const fieldPath = fc.constantFrom(...FIELDS).map((field) =>
  field
    .split('.')
    .map((part) => `[${part}]`)
    .join(''),
);
const operator = fc.constantFrom(...OPERATORS);
const shapedPair: fc.Arbitrary<[string, string]> = fc.oneof(
  fc.tuple(fieldPath, operator, value).map(([field, op, v]): [string, string] => [`filters${field}[${op}]`, v]),
  fc
    .tuple(fc.constantFrom('$or', '$and'), fc.nat(3), fieldPath, operator, value)
    .map(([logic, i, field, op, v]): [string, string] => [`filters[${logic}][${i}]${field}[${op}]`, v]),
  fc
    .tuple(fieldPath, fc.constantFrom('$in', '$notIn', '$between'), fc.nat(3), value)
    .map(([field, op, i, v]): [string, string] => [`filters${field}[${op}][${i}]`, v]),
  fc.tuple(fieldPath, value).map(([field, v]): [string, string] => [`filters[$not]${field}[$eq]`, v]),
  fc
    .tuple(fc.constantFrom(...FIELDS), fc.constantFrom('asc', 'desc', 'DESC', 'sideways', ''))
    .map(([field, dir]): [string, string] => ['sort', dir ? `${field}:${dir}` : field]),
  fc.tuple(fc.nat(3), fc.constantFrom(...FIELDS)).map(([i, field]): [string, string] => [`fields[${i}]`, field]),
  fc.tuple(
    fc.constantFrom(
      'pagination[page]',
      'pagination[pageSize]',
      'pagination[start]',
      'pagination[limit]',
      'pagination[withCount]',
    ),
    value,
  ),
  fc.tuple(
    fc.constantFrom('locale', 'status', 'fallbackLocale'),
    fc.oneof(fc.constantFrom('ru', 'en', 'az', '*', 'all', 'draft', 'published', 'en,ru'), value),
  ),
);
const shapedQueryString = fc
  .array(shapedPair, { minLength: 1, maxLength: 5 })
  .map((pairs) => pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&'));
const publicListPath = fc.constantFrom(
  '/api/press-releases',
  '/api/press-releases',
  '/api/topics',
  '/api/entities',
  '/api/sources',
);

describe('generated input never breaks the public API', () => {
  it('REST and feeds: generated query strings and path segments', async () => {
    await assertProperty(
      'REST and feeds',
      fc.asyncProperty(path, queryString, async (target, query) => {
        const url = query ? `${target}?${query}` : target;
        expectSafeAnswer(await api(app).get(url), `GET ${url.slice(0, 200)}`);
      }),
      settings(RUNS),
    );
  });

  it('REST: Strapi query shapes (fields, operators, logic, sorts, pages) with hostile values', async () => {
    await assertProperty(
      'REST query shapes',
      fc.asyncProperty(publicListPath, shapedQueryString, async (target, query) => {
        const url = `${target}?${query}`;
        expectSafeAnswer(await api(app).get(url), `GET ${url.slice(0, 200)}`);
      }),
      settings(RUNS),
    );
  });

  it('search: generated queries with operators, quotes, SQL and odd Unicode', async () => {
    const q = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      nasty,
      fc
        .array(
          fc.oneof(
            fc.constantFrom('"', '-', 'or', 'OR', '&', '|', '!', '(', ')', ':*', '<->', '*', 'прокурор', 'Baku'),
            fc.string({ maxLength: 6 }),
          ),
          { maxLength: 12 },
        )
        .map((parts) => parts.join(' ')),
      fc.string({ minLength: 300, maxLength: 3000 }),
    );
    await assertProperty(
      'search',
      fc.asyncProperty(q, fc.constantFrom('ru', 'en', 'az', 'xx', ''), fc.option(value), async (text, locale, page) => {
        const res = await api(app)
          .get('/api/search')
          .query({ q: text, locale, ...(page === null ? {} : { 'pagination[page]': page }) });
        expectSafeAnswer(res, `search q=${JSON.stringify(text.slice(0, 80))} locale=${locale}`);
      }),
      settings(RUNS),
    );
  });

  it('GraphQL: generated documents, arguments and variables', async () => {
    const argument = fc.oneof(
      fc.constantFrom(
        'status: DRAFT',
        'status: PUBLISHED',
        'locale: "ru"',
        'locale: "xx"',
        'locale: "*"',
        'pagination: { limit: 100000 }',
        'pagination: { page: -1, pageSize: 0 }',
        'filters: { headline: { containsi: "zz" } }',
        'filters: { publishedAt: { null: true } }',
        'filters: { headline: { contains: "\\u0000" } }',
        'filters: { slug: { eq: "\\uD800" } }',
        'filters: { createdBy: { id: { eq: 1 } } }',
        'sort: "createdBy:asc"',
        'sort: ["headline:desc", "nonsense"]',
        'sort: ".."',
        'sort: ["headline."]',
        'hasPublishedVersion: false',
        'q: "прокурор"',
        'documentId: "x"',
      ),
      fc.tuple(fc.string({ maxLength: 10 }), value).map(([name, v]) => `${name}: ${JSON.stringify(v)}`),
    );
    const field = fc.oneof(
      fc.constantFrom(
        'documentId',
        'headline',
        'slug',
        'body',
        'publishedAt',
        'createdBy { email }',
        'localizations { headline publishedAt }',
        'topics { name pressReleases { headline } }',
        '__typename',
        'password',
      ),
      fc.string({ maxLength: 12 }),
    );
    const root = fc.constantFrom(
      'pressReleases',
      'pressRelease',
      'pressReleases_connection',
      'topics',
      'searchPressReleases',
      'usersPermissionsUsers',
      'createPressRelease',
      'nope',
    );
    const structured = fc
      .tuple(
        fc.constantFrom('', 'query ', 'mutation ', 'subscription '),
        root,
        fc.array(argument, { maxLength: 3 }),
        fc.array(field, { minLength: 1, maxLength: 4 }),
      )
      .map(
        ([op, name, args, fields]) =>
          `${op}{ ${name}${args.length ? `(${args.join(', ')})` : ''} { ${fields.join(' ')} } }`,
      );
    const document = fc.oneof(
      structured,
      structured,
      fc.string({ maxLength: 200 }),
      nasty,
      fc.constant('{'.repeat(500) + '}'.repeat(500)),
    );
    const variables = fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 3 }), fc.constant({ status: 'DRAFT' }));
    await assertProperty(
      'GraphQL',
      fc.asyncProperty(document, variables, fc.boolean(), async (query, vars, asGet) => {
        const res = asGet
          ? await api(app)
              .get('/graphql')
              .query({ query, ...(vars === undefined ? {} : { variables: JSON.stringify(vars) }) })
          : await api(app).post('/graphql').set('content-type', 'application/json').send({ query, variables: vars });
        expectSafeAnswer(res, `GraphQL ${asGet ? 'GET' : 'POST'} ${JSON.stringify(query).slice(0, 200)}`);
      }),
      settings(RUNS),
    );
  });
});

describe('generated importer files', () => {
  const line = fc.oneof(
    fc.string({ maxLength: 120 }),
    fc.string({ unit: 'grapheme', maxLength: 60 }),
    nasty,
    fc.constantFrom('БР', 'Баку и Найроби', '', ' ', '\t', '.', 'x'.repeat(400)),
  );
  const word = fc.constantFrom(
    'Баку',
    'Найроби',
    'прокуроров',
    'сотрудничество',
    'Kenya',
    'court',
    '2026',
    '«договор»',
    'Azərbaycan',
    'Nairobi',
  );
  const phrase = (minLength: number, maxLength: number) =>
    fc.array(word, { minLength, maxLength }).map((words) => words.join(' '));
  const sentence = phrase(3, 12).map((words) => `${words}.`);
  /** A release as editors write one: an optional kicker line, a headline, paragraphs (docs/editors.md, importing). */
  const wellFormed = fc
    .tuple(fc.option(phrase(1, 4)), phrase(2, 10), fc.array(sentence, { minLength: 1, maxLength: 5 }))
    .map(([kicker, headline, paragraphs]) =>
      [kicker, headline, ...paragraphs].filter((part) => part !== null).join('\n\n'),
    );
  const file = fc.oneof(
    wellFormed,
    fc.array(line, { maxLength: 12 }).map((lines) => lines.join('\n')),
    fc
      .array(fc.array(line, { minLength: 1, maxLength: 3 }), { maxLength: 6 })
      .map((blocks) => blocks.map((lines) => lines.join('\n')).join('\n\n')),
    fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes).toString('utf8')),
  );

  it('imports every well-formed release in a known locale, whole', async () => {
    await assertProperty(
      'importer, well-formed files',
      fc.asyncProperty(wellFormed, fc.constantFrom('ru', 'en', 'az'), fc.boolean(), async (text, locale, publish) => {
        const release = parseReleaseText(text);
        const result = await importPressRelease(app, release, { locale, publish });
        importedIds.add(result.documentId);
        const stored = await app.db
          .query(PRESS_RELEASE_UID)
          .findMany({ where: { documentId: result.documentId, locale: result.locale } });
        expect(stored.length).toBe(publish ? 2 : 1);
        expect(stored[0].headline).toBe(release.headline);
      }),
      settings(Math.ceil(RUNS / 4)),
    );
  });

  it('either imports the whole release or refuses with a message and writes nothing', async () => {
    const outcomes = { imported: 0, refused: 0 };
    await assertProperty(
      'importer, any file',
      fc.asyncProperty(
        file,
        fc.constantFrom('ru', 'en', 'az', 'xx', ''),
        fc.boolean(),
        fc.option(fc.oneof(nasty, fc.string({ maxLength: 24 }))),
        async (text, locale, publish, translationOf) => {
          const before = await app.db.query(PRESS_RELEASE_UID).count({});
          try {
            const release = parseReleaseText(text);
            const result = await importPressRelease(app, release, {
              locale,
              publish,
              translationOf: translationOf ?? undefined,
            });
            importedIds.add(result.documentId);
            outcomes.imported += 1;
            const stored = await app.db
              .query(PRESS_RELEASE_UID)
              .findMany({ where: { documentId: result.documentId, locale: result.locale } });
            expect(stored.length).toBe(publish ? 2 : 1);
            expect(stored[0].headline).toBe(release.headline);
          } catch (error) {
            const known = error instanceof ReleaseTextError || (error as { name?: string }).name === 'ValidationError';
            if (!known) throw error;
            expect((error as Error).message.length).toBeGreaterThan(10);
            expect(await app.db.query(PRESS_RELEASE_UID).count({})).toBe(before);
            outcomes.refused += 1;
          }
        },
      ),
      settings(Math.ceil(RUNS / 2)),
    );
    console.log(`importer, any file: ${outcomes.imported} imported, ${outcomes.refused} refused`);
  });
});

describe('inputs the properties found', () => {
  it.each([
    ['a NUL in a REST path', () => api(app).get('/api/press-releases/%00')],
    ['a NUL in a query parameter', () => api(app).get('/api/search?q=%00&locale=ru')],
    [
      'a NUL in a GraphQL filter',
      () =>
        api(app)
          .post('/graphql')
          .send({ query: '{ pressReleases(filters: { headline: { contains: "\\u0000" } }) { headline } }' }),
    ],
    [
      'a NUL in GraphQL variables',
      () =>
        api(app)
          .post('/graphql')
          .send({
            query: 'query($q: String) { pressReleases(filters: { headline: { contains: $q } }) { headline } }',
            variables: { q: '\u0000' },
          }),
    ],
    [
      'a GraphQL subscription',
      () => api(app).post('/graphql').send({ query: 'subscription { pressReleases { headline } }' }),
    ],
  ])('%s answers 400 with a message', async (name, send) => {
    const res = await send();
    expect(res.status).toBe(400);
    expectSafeAnswer(res, name);
  });
});
