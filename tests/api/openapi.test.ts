/**
 * The OpenAPI document at /openapi.json: valid OpenAPI 3.1 (checked by swagger-parser), true to the running app
 * (every documented path is called, and each JSON answer is validated with Ajv against the document's own schema for
 * that status), and complete (every public route the app registers is documented, and nothing else is).
 */
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { Core } from '@strapi/strapi';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import pressReleaseContentType from '../../src/api/press-release/content-types/press-release/schema.json';
import { ROOT_ROUTES } from '../../src/channels/feeds/root-routes';
import { DEFAULT_LOCALE, NEWSROOM_LOCALES } from '../../src/platform/content-model/locales';
import { createPreviewToken } from '../../src/read-side/preview/preview-token';
import { PRESS_KIT_GRANT, pressLinkKey, signPressFileGrant } from '../../src/read-side/read-model/press-file-links';
import { PUBLIC_ACTIONS } from '../../src/read-side/public-permissions';
import { PUBLIC_RELEASE_POPULATE } from '../../src/read-side/public-shape';
import { publicApiUrl } from '../../src/read-side/public-urls';
import { settings } from '../../src/platform/settings/newsroom-settings';
import { api, PROJECT_ROOT, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { bakuNairobiId, deleteRelease, PRESS_RELEASE_UID } from '../helpers/content';
import { deleteUploads, makeImage } from '../helpers/media';

type OpenApi = {
  servers: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, { properties?: Record<string, unknown> }>;
    headers: Record<string, { required?: boolean }>;
  };
};
type Operation = {
  parameters?: ({ name: string; schema?: Record<string, unknown> } | { $ref: string })[];
  responses: Record<string, { content?: Record<string, { schema?: unknown }>; headers?: Record<string, unknown> }>;
};

const RU_SLUG = 'baku-i-nayrobi-budut-borotsya-protiv-prestupnosti-sovmestnymi-usiliyami';

let app: Core.Strapi;
let doc: OpenApi;
let storyId: string;
/** A release with a cover photo and an SEO image, sharing a topic with the story (so `related` lists it). */
let illustrated: { documentId: string; coverUrl: string; fileId: number };

/** A photo large enough for Strapi to make its sizes, with alternative text (publishing requires it). */
async function uploadPhoto(): Promise<number> {
  const filepath = path.join(mkdtempSync(path.join(os.tmpdir(), 'newsroom-openapi-')), 'openapi-cover.jpg');
  writeFileSync(filepath, await makeImage('jpeg', 800, 600));
  const uploads = app.plugin('upload').service('upload') as { upload(args: unknown): Promise<{ id: number }[]> };
  const [file] = await uploads.upload({
    data: { fileInfo: { name: 'openapi-cover.jpg', alternativeText: 'A red square' } },
    files: { filepath, originalFilename: 'openapi-cover.jpg', mimetype: 'image/jpeg', size: statSync(filepath).size },
  });
  return file.id;
}

beforeAll(async () => {
  app = await startNewsroom();
  storyId = await bakuNairobiId(app);
  const fileId = await uploadPhoto();
  const topic = (await app.db
    .query('api::topic.topic')
    .findOne({ where: { locale: 'ru' }, orderBy: { id: 'asc' } })) as {
    documentId: string;
  };
  const documents = app.documents(PRESS_RELEASE_UID);
  const created = await documents.create({
    locale: 'ru',
    status: 'draft',
    data: {
      headline: 'Zzopenapi релиз с фотографией',
      lead: 'Краткое содержание.',
      body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Текст.' }] }],
      issuedAt: '2026-11-25',
      cover: fileId,
      seo: { metaTitle: 'SEO', metaDescription: 'Описание', image: fileId },
      topics: { set: [{ documentId: topic.documentId, locale: 'ru' }] },
    } as never,
  });
  await documents.publish({ documentId: created.documentId, locale: 'ru' });
  const read = await api(app).get(`/api/press-releases/${created.documentId}`).query({ locale: 'ru' });
  illustrated = { documentId: created.documentId, coverUrl: read.body.data.cover.url, fileId };
  const res = await api(app).get('/openapi.json');
  expect(res.status).toBe(200);
  doc = res.body;
});

afterAll(async () => {
  if (illustrated) {
    await deleteRelease(app, illustrated.documentId);
    await deleteUploads(app, [illustrated.fileId]);
  }
  await stopNewsroom(app);
});

describe('the document', () => {
  it('is valid OpenAPI 3.1 (swagger-parser)', async () => {
    // validate() dereferences in place: give it a copy, the other tests read the $refs.
    const api31 = await SwaggerParser.validate(structuredClone(doc) as never);
    expect((api31 as { openapi: string }).openapi).toBe('3.1.0');
  });

  it("takes its server, locales and page sizes from the app's settings", () => {
    expect(doc.servers).toEqual([{ url: publicApiUrl(app) || '/', description: expect.any(String) }]);
    const list = doc.paths['/api/press-releases'].get;
    const parameter = (name: string) =>
      list.parameters?.find((p) => 'name' in p && p.name === name) as { schema: Record<string, unknown> };
    // The locales the app accepts, the default first.
    const codes = parameter('locale').schema.enum as string[];
    expect(codes[0]).toBe(DEFAULT_LOCALE);
    expect([...codes].sort()).toEqual(NEWSROOM_LOCALES.map((l) => l.code).sort());
    expect(parameter('pagination[pageSize]').schema).toMatchObject({
      maximum: settings().API_MAX_PAGE_SIZE,
      default: settings().API_DEFAULT_PAGE_SIZE,
    });
  });

  it('lists every field of the press-release content type and of the public shape (it cannot drift)', () => {
    const documented = Object.keys(doc.components.schemas.PressRelease.properties ?? {});
    const expected = [
      // Private attributes (the review stage) are the admin panel's, never the public's.
      ...Object.entries(pressReleaseContentType.attributes)
        .filter(([, attribute]) => (attribute as { private?: boolean }).private !== true)
        .map(([name]) => name),
      ...Object.keys(PUBLIC_RELEASE_POPULATE),
      ...['id', 'documentId', 'locale', 'createdAt', 'updatedAt', 'publishedAt'],
    ];
    expect([...new Set(documented)].sort()).toEqual([...new Set(expected)].sort());
  });

  it('is served as a cacheable public read', async () => {
    const res = await api(app).get('/openapi.json');
    expect(res.headers['cache-control']).toMatch(/^public, /);
    expect(res.headers.etag).toBeDefined();
    const again = await api(app).get('/openapi.json').set('If-None-Match', res.headers.etag);
    expect(again.status).toBe(304);
  });
});

/** Ajv over the document itself, so that a response schema's `#/components/...` references resolve. */
function responseValidator(document: OpenApi) {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addSchema(document, 'openapi.json');
  const pointer = (...parts: string[]) => parts.map((part) => part.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
  return (pathKey: string, method: string, status: string, mediaType: string) =>
    ajv.compile({
      $ref: `openapi.json#/${pointer('paths', pathKey, method, 'responses', status, 'content', mediaType, 'schema')}`,
    });
}

/** A response header's description, through its `$ref` to the document's components. */
function headerOf(document: OpenApi, header: unknown): { required?: boolean } {
  const ref = (header as { $ref?: string }).$ref;
  return ref ? document.components.headers[ref.split('/').pop() as string] : (header as { required?: boolean });
}

/** The documented media type a response's Content-Type matches (`image/*` ranges included). */
function documentedMediaType(content: Record<string, unknown>, contentType: string): string | undefined {
  const type = contentType.split(';')[0].trim();
  return Object.keys(content).find(
    (range) => range === type || (range.endsWith('/*') && type.startsWith(range.slice(0, -1))),
  );
}

/** Requests that exercise every documented GET path with real data: each path must have at least one. */
function samples(): Record<string, string[]> {
  const previewToken = createPreviewToken(settings().PREVIEW_SECRET, {
    documentId: storyId,
    locale: 'ru',
    status: 'published',
    expiresAt: Date.now() + 60_000,
  });
  const draftToken = createPreviewToken(settings().PREVIEW_SECRET, {
    documentId: illustrated.documentId,
    locale: 'ru',
    status: 'draft',
    expiresAt: Date.now() + 60_000,
  });
  // Press file links that the app must refuse, each in its documented way (tests/api/press-tracing.test.ts downloads).
  const grant = { journalistId: 2 ** 31 - 1, fileId: 1, format: null, documentId: storyId, locale: 'ru' };
  const inAMinute = Math.floor(Date.now() / 1000) + 60;
  const pressLink = (key: Buffer, expiresAt: number) =>
    `/api/press/files/${signPressFileGrant(key, { ...grant, expiresAt })}`;
  const kitLink = (key: Buffer, expiresAt: number) =>
    `/api/press/kits/${signPressFileGrant(key, { ...grant, fileId: 0, format: PRESS_KIT_GRANT, expiresAt })}`;
  return {
    '/api/press/kits/{token}': [
      '/api/press/kits/nope', // 400
      pressLink(pressLinkKey(), inAMinute).replace('/files/', '/kits/'), // 400: a file's link
      kitLink(Buffer.alloc(32, 7), inAMinute), // 403: forged
      kitLink(pressLinkKey(), inAMinute - 120), // 403: expired
      kitLink(pressLinkKey(), inAMinute), // 403: no such journalist
    ],
    '/api/press/files/{token}': [
      '/api/press/files/nope', // 400
      kitLink(pressLinkKey(), inAMinute).replace('/kits/', '/files/'), // 400: a press kit's link
      pressLink(Buffer.alloc(32, 7), inAMinute), // 403: forged
      pressLink(pressLinkKey(), inAMinute - 120), // 403: expired
      pressLink(pressLinkKey(), inAMinute), // 403: no such journalist
    ],
    '/api/press-releases': [
      '/api/press-releases?locale=ru',
      '/api/press-releases?locale=en&pagination[page]=1&pagination[pageSize]=1',
      '/api/press-releases?locale=en&filters[headline][$containsi]=nairobi&sort=headline:asc',
      '/api/press-releases?locale=ru&pagination[start]=0&pagination[limit]=1',
      '/api/press-releases?pagination[page]=abc', // 400
    ],
    '/api/press-releases/{documentId}': [
      `/api/press-releases/${storyId}?locale=ru`,
      `/api/press-releases/${storyId}?locale=az&fallbackLocale=en`,
      `/api/press-releases/${illustrated.documentId}?locale=ru`,
      `/api/press-releases/${storyId}?locale=az`, // 404
      '/api/press-releases/nope?locale=xx', // 400
    ],
    '/api/press-releases/slug/{slug}': [
      `/api/press-releases/slug/${RU_SLUG}?locale=ru`,
      '/api/press-releases/slug/nope',
    ],
    '/api/press-releases/{documentId}/jsonld': [`/api/press-releases/${storyId}/jsonld?locale=ru`],
    '/api/press-releases/{documentId}/ninjs': [`/api/press-releases/${illustrated.documentId}/ninjs?locale=ru`],
    '/api/press-releases/{documentId}/newsml': [`/api/press-releases/${storyId}/newsml?locale=ru`],
    '/api/press-releases/{documentId}/related': [`/api/press-releases/${storyId}/related?locale=ru`],
    '/api/press-releases/{documentId}/press-kit.zip': [
      `/api/press-releases/${storyId}/press-kit.zip`,
      '/api/press-releases/nope/press-kit.zip', // 404
    ],
    '/api/search': [encodeURI('/api/search?q=прокуроров&locale=ru'), '/api/search?locale=ru'],
    '/api/topics': ['/api/topics?locale=ru', '/api/topics?locale=en&pagination[pageSize]=2'],
    '/api/topics/{documentId}': [],
    '/api/entities': ['/api/entities?locale=ru&filters[kind][$eq]=person'],
    '/api/entities/{documentId}': [],
    '/api/sources': ['/api/sources'],
    '/api/sources/{documentId}': [],
    '/api/preview/press-releases/{documentId}': [
      `/api/preview/press-releases/${storyId}?token=${previewToken}`,
      `/api/preview/press-releases/${illustrated.documentId}?token=${draftToken}`,
      `/api/preview/press-releases/${storyId}?token=forged.token`,
    ],
    '/api/ready': ['/api/ready'],
    '/_health': ['/_health'],
    '/feeds/{locale}/rss.xml': ['/feeds/ru/rss.xml', '/feeds/xx/rss.xml'],
    '/feeds/{locale}/atom.xml': ['/feeds/en/atom.xml'],
    '/feeds/{locale}/feed.json': ['/feeds/ru/feed.json'],
    '/feeds/{locale}/newsml.xml': ['/feeds/en/newsml.xml', '/feeds/xx/newsml.xml'],
    '/sitemap.xml': ['/sitemap.xml'],
    '/sitemaps/releases-{file}.xml': ['/sitemaps/releases-1.xml', '/sitemaps/releases-999.xml'],
    '/news-sitemap.xml': ['/news-sitemap.xml'],
    '/robots.txt': ['/robots.txt'],
    '/openapi.json': ['/openapi.json'],
    '/': ['/', '/?locale=xx'],
    '/{locale}/press-releases/{slug}': [`/ru/press-releases/${RU_SLUG}`, '/ru/press-releases/no-such-release'],
    '/preview': ['/preview'],
    '/reader/{asset}': ['/reader/reader.js', '/reader/reader.css', '/reader/text.json'],
    '/uploads/{file}': [illustrated.coverUrl],
    '/api/subscriptions/confirm': ['/api/subscriptions/confirm?token=1.nope'],
    '/api/subscriptions/preferences': ['/api/subscriptions/preferences?token=1.nope'],
    '/api/subscriptions/data': ['/api/subscriptions/data?token=1.nope'],
    '/api/subscriptions/unsubscribe': ['/api/subscriptions/unsubscribe?token=1.nope'],
    '/api/subscriptions/opened/{item}': ['/api/subscriptions/opened/nope.ru.gif'],
    '/api/subscriptions/clicked/{item}': ['/api/subscriptions/clicked/nope.ru'],
  };
}

describe('every documented GET path, called on the running app', () => {
  it('has a sample request in this test', () => {
    const documented = Object.keys(doc.paths).filter((key) => doc.paths[key].get);
    expect(Object.keys(samples()).sort()).toEqual(documented.sort());
  });

  it('answers each with a documented status, content type, headers and body', async () => {
    const validator = responseValidator(doc);
    const urls = samples();
    // A topic, an entity and a source from the lists themselves.
    for (const [list, one] of [
      ['/api/topics?locale=ru', '/api/topics/{documentId}'],
      ['/api/entities?locale=en', '/api/entities/{documentId}'],
      ['/api/sources', '/api/sources/{documentId}'],
    ]) {
      const first = (await api(app).get(list)).body.data[0].documentId;
      const locale = list.includes('locale=') ? `?locale=${list.split('locale=')[1]}` : '';
      urls[one].push(`${one.replace('{documentId}', first)}${locale}`, one.replace('{documentId}', 'nope'));
    }
    const problems: string[] = [];
    const statuses = new Set<string>();
    for (const [pathKey, requests] of Object.entries(urls)) {
      expect(requests.length).toBeGreaterThan(0);
      for (const url of requests) {
        const res = await api(app).get(url).buffer(true);
        const status = String(res.status);
        statuses.add(`${pathKey} ${status}`);
        const documented = doc.paths[pathKey].get.responses[status];
        if (!documented) {
          problems.push(`${url}: status ${status} is not documented`);
          continue;
        }
        for (const [name, header] of Object.entries(documented.headers ?? {})) {
          if (headerOf(doc, header).required && res.headers[name.toLowerCase()] === undefined)
            problems.push(`${url}: no ${name} header`);
        }
        if (!documented.content) continue;
        const mediaType = documentedMediaType(documented.content, String(res.headers['content-type'] ?? ''));
        if (!mediaType) {
          problems.push(`${url}: ${res.headers['content-type']} is not among ${Object.keys(documented.content)}`);
          continue;
        }
        if (!/json$/.test(mediaType) || !documented.content[mediaType].schema) continue;
        const validate = validator(pathKey, 'get', status, mediaType);
        const payload = JSON.parse(res.text);
        if (!validate(payload)) problems.push(`${url} (${status}): ${JSON.stringify(validate.errors?.slice(0, 5))}`);
      }
    }
    expect(problems).toEqual([]);
    // The error answers were among them: one 404 and one 400 at least, checked against the error schema.
    expect([...statuses]).toEqual(
      expect.arrayContaining([
        '/api/press-releases 400',
        '/api/press-releases/{documentId} 404',
        '/api/press-releases/{documentId} 400',
        '/api/search 400',
        '/api/preview/press-releases/{documentId} 401',
        '/api/press/files/{token} 400',
        '/api/press/files/{token} 403',
        '/api/press/kits/{token} 400',
        '/api/press/kits/{token} 403',
      ]),
    );
  });

  it('checks for real: a release with a field the document does not list, or without one it lists, fails', async () => {
    const validate = responseValidator(doc)('/api/press-releases/{documentId}', 'get', '200', 'application/json');
    const { body } = await api(app).get(`/api/press-releases/${illustrated.documentId}`).query({ locale: 'ru' });
    expect(validate(body)).toBe(true);
    expect(validate({ ...body, data: { ...body.data, createdBy: { id: 1 } } })).toBe(false);
    const { seo, ...withoutSeo } = body.data;
    expect(seo).toMatchObject({ metaTitle: 'SEO', image: { alternativeText: 'A red square' } });
    expect(validate({ ...body, data: withoutSeo })).toBe(false);
    expect(Object.keys(body.data.cover.formats)).toEqual(expect.arrayContaining(['thumbnail', 'small', 'medium']));
  });

  it('answers GraphQL as documented', async () => {
    const res = await api(app)
      .post('/graphql')
      .set('content-type', 'application/json')
      .send({ query: '{ pressReleases(locale: "en", pagination: { pageSize: 100 }) { documentId headline } }' });
    expect(res.status).toBe(200);
    const validate = responseValidator(doc)('/graphql', 'post', '200', 'application/json');
    expect(validate(res.body) ? [] : validate.errors).toEqual([]);
    // Other test files may have published newer English releases: the seeded story is among them, not first.
    expect(res.body.data.pressReleases.map((release: { headline: string }) => release.headline)).toContain(
      'Baku and Nairobi will fight crime through joint efforts',
    );
  });
});

/** A Koa route path as an OpenAPI path: `:name` and `:name(regex)` become `{name}`. */
const openApiPath = (koaPath: string) => koaPath.replace(/:(\w+)(\([^)]*\))?/g, '{$1}');

/** The app's public routes as OpenAPI paths: what the public role may call, plus Strapi's and our root routes. */
function registeredPublicPaths(strapi: Core.Strapi): string[] {
  type RouteDefinition = { method: string; path: string; config?: { auth?: false | { scope?: string[] } } };
  type Router = { type?: string; prefix?: string; routes?: RouteDefinition[] };
  const routersOf = (owner: { routes?: unknown }) =>
    Array.isArray(owner.routes) ? [] : (Object.values(owner.routes ?? {}) as Router[]);
  const contentApi = [
    ...Object.values(strapi.apis).flatMap((owner) => routersOf(owner as { routes?: unknown })),
    ...Object.entries(strapi.plugins).flatMap(([name, owner]) =>
      routersOf(owner as { routes?: unknown }).map((router) => ({ ...router, prefix: router.prefix ?? `/${name}` })),
    ),
  ].filter((router) => router.type === 'content-api');
  const publicActions = new Set<string>(PUBLIC_ACTIONS);
  const apiPaths = contentApi.flatMap((router) =>
    (router.routes ?? [])
      .filter(
        (route) =>
          route.config?.auth === false || (route.config?.auth?.scope ?? []).some((scope) => publicActions.has(scope)),
      )
      .map((route) => {
        // Only reads are public, but the email subscriptions' (asking, and a subscriber's own pages): a public write
        // anywhere else would be a hole, not a missing paragraph of documentation.
        if (!route.path.startsWith('/subscriptions')) expect(route.method).toBe('GET');
        const prefix = (route.config as { prefix?: string } | undefined)?.prefix ?? (router.prefix || '');
        return `/api${prefix}${openApiPath(route.path)}`;
      }),
  );
  // Strapi's own public routes outside /api: liveness, media files and the files of public/ (robots.txt, the
  // reader's script and style; index.html is what / serves), and GraphQL.
  const staticFiles = readdirSync(path.join(PROJECT_ROOT, 'public'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.parentPath.includes(`${path.sep}uploads`))
    .map((entry) => `/${path.relative(path.join(PROJECT_ROOT, 'public'), path.join(entry.parentPath, entry.name))}`)
    .map((file) => (file === '/index.html' ? '/' : file.replace(/^\/reader\/[^/]+$/, '/reader/{asset}')));
  const registered = strapi.server.listRoutes().map((route) => route.path);
  expect(registered).toEqual(expect.arrayContaining(['/_health', '/uploads/(.*)', '/graphql', '/((?!uploads/).+)']));
  return [
    ...apiPaths,
    ...ROOT_ROUTES.map((route) => openApiPath(route.path)),
    '/_health',
    '/uploads/{file}',
    '/graphql',
    ...staticFiles,
  ];
}

describe('coverage', () => {
  it('documents every public route the app registers, and nothing else', () => {
    // Strapi names the core routes' parameter `id` (a documentId in Strapi 5); OpenAPI ignores template names.
    const template = (paths: string[]) => [...new Set(paths.map((key) => key.replace(/\{\w+\}/g, '{}')))].sort();
    expect(template(Object.keys(doc.paths))).toEqual(template(registeredPublicPaths(app)));
  });
});
