import { FEED_CONTENT_TYPES, FEED_SIZE, type FeedFormat } from '../feeds/press-release-feed';
import { NEWS_ITEM_TYPE, NEWS_MESSAGE_TYPE } from '../structured-data/newsml-g2';
import { NEWS_SITEMAP_MAX_URLS } from '../sitemaps/sitemap-limits';
import { ENTITY_UID, PRESS_RELEASE_UID, SOURCE_UID, TOPIC_UID } from '../../platform/content-model/content-type-uids';
import { SEARCH_QUERY_MAX_LENGTH } from '../search/search-request';
import {
  closedObject,
  entrySchema,
  mediaFileSchema,
  pressReleaseSchema,
  type JsonSchema,
  type ModelOf,
} from './content-type-schemas';

/**
 * The OpenAPI 3.1 description of every public route (served at /openapi.json). Paths are written here, next to
 * each other, so that a reader sees the whole public surface at once; what they return is worked out from the
 * content types and the public shape (./content-type-schemas.ts); limits and locales come from the running app.
 * tests/api/openapi.test.ts calls every path and checks the answers against this document, and fails when the app
 * registers a public route this document does not list.
 */

export interface PublicApiDocumentInput {
  /** Where this API answers (publicApiUrl): the document's one server; empty means "this host". */
  apiUrl: string;
  version: string;
  /** The locale codes the app accepts now, the default first. */
  locales: readonly string[];
  defaultLocale: string;
  defaultPageSize: number;
  maxPageSize: number;
  /** The Cache-Control public reads carry, as an example. */
  cacheControl: string;
  modelOf: ModelOf;
}

type Operation = Record<string, unknown>;
type Parameter = Record<string, unknown>;

const ref = (section: string, name: string) => ({ $ref: `#/components/${section}/${name}` });
const schemaRef = (name: string) => ref('schemas', name);

const JSON_TYPE = 'application/json';

/** A response whose body is described by a schema, in one media type. */
function body(description: string, schema: JsonSchema, mediaType = JSON_TYPE, headers?: Record<string, unknown>) {
  return { description, ...(headers ? { headers } : {}), content: { [mediaType]: { schema } } };
}

const error = (description: string, headers?: Record<string, unknown>) =>
  body(description, schemaRef('Error'), JSON_TYPE, headers);

/** Headers of a public read that answers 200: it may be cached, and revalidated with its ETag. */
const CACHED = {
  ETag: ref('headers', 'ETag'),
  'Cache-Control': ref('headers', 'CacheControl'),
  'X-Cache': ref('headers', 'XCache'),
};
const CACHED_IN_LOCALE = { ...CACHED, 'Content-Language': ref('headers', 'ContentLanguage') };

/** The wire formats' answer for a release withdrawn after it was public (docs/agencies.md, Withdrawals). */
const WITHDRAWN =
  'A release unpublished or deleted after it was public answers 200 for WITHDRAWN_ITEM_DAYS as the same item with ' +
  '`pubStatus` canceled, a greater version, its headline and an editorial note, never its text; then 404.';

/** What every cached public read may also answer. */
const READ_RESPONSES = {
  '304': { description: 'Not modified: the `If-None-Match` ETag is still current (no body).' },
  '429': error('Too many requests from this client (`RATE_LIMIT_MAX` per window).', {
    'Retry-After': ref('headers', 'RetryAfter'),
  }),
  '503': error('The database does not answer; retry later.', { 'Retry-After': ref('headers', 'RetryAfter') }),
};

function get(summary: string, tag: string, operation: Operation): { get: Operation } {
  return { get: { summary, tags: [tag], ...operation } };
}

const pathParameter = (name: string, schema: JsonSchema, description: string): Parameter => ({
  name,
  in: 'path',
  required: true,
  description,
  schema,
});

const query = (name: string, schema: JsonSchema, description: string, extra: Parameter = {}): Parameter => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
  ...extra,
});

/** Builds the document. Pure: the same input gives the same bytes (its ETag stays put between restarts). */
export function publicApiDocument(input: PublicApiDocumentInput): Record<string, unknown> {
  const { locales, defaultLocale, defaultPageSize, maxPageSize } = input;
  const releaseModel = input.modelOf(PRESS_RELEASE_UID);
  const slugAttribute = releaseModel?.attributes.slug;
  const localeSchema = { type: 'string', enum: [...locales], default: defaultLocale };
  const locale = query('locale', localeSchema, `The language (default \`${defaultLocale}\`); another code is a 400.`);
  const fallbackLocale = query(
    'fallbackLocale',
    { type: 'string', examples: [locales.filter((code) => code !== defaultLocale).join(',')] },
    'Comma-separated locales to serve, in order, when the release is not published in `locale`; ' +
      '`meta` and `Content-Language` say which was served.',
  );
  const ifNoneMatch = ref('parameters', 'IfNoneMatch');
  const documentId = pathParameter('documentId', { type: 'string' }, 'The release (documentId, shared by locales).');
  const pageSize = {
    type: 'integer',
    minimum: 1,
    maximum: maxPageSize,
    default: defaultPageSize,
    description: `At most ${maxPageSize} (API_MAX_PAGE_SIZE); a larger value is treated as ${maxPageSize}.`,
  };
  /** Strapi's page-based and offset-based pagination (one or the other, not both). */
  const pagination = [
    query('pagination[page]', { type: 'integer', minimum: 1, default: 1 }, 'Page number, from 1.'),
    query('pagination[pageSize]', pageSize, 'Entries per page.'),
    query('pagination[start]', { type: 'integer', minimum: 0 }, 'Offset pagination: entries to skip.'),
    query('pagination[limit]', pageSize, 'Offset pagination: entries to return.'),
  ];
  const strapiQuery = (fields: string[]) => [
    query(
      'sort',
      { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
      `Strapi sort syntax, \`field:asc\` or \`field:desc\` (fields: ${fields.join(', ')}).`,
      { examples: { headline: { value: 'headline:asc' } } },
    ),
    {
      ...query(
        'filters',
        { type: 'object', additionalProperties: true },
        'Strapi filter syntax, e.g. `filters[headline][$containsi]=nairobi` ' +
          '(https://docs.strapi.io/cms/api/rest/filters). Unknown fields or operators, and filters on ' +
          'private or admin fields, are a 400.',
      ),
      style: 'deepObject',
      explode: true,
    },
    query(
      'fields',
      { type: 'array', items: { type: 'string', enum: fields } },
      'Only these scalar fields (id and documentId always come; relations stay populated).',
      { style: 'form', explode: false },
    ),
  ];
  const scalarFields = (uid: string) => {
    const model = input.modelOf(uid);
    return Object.entries(model?.attributes ?? {})
      .filter(
        ([, attribute]) => !['relation', 'media', 'component', 'dynamiczone', 'password'].includes(attribute.type),
      )
      .filter(([, attribute]) => attribute.private !== true)
      .map(([name]) => name);
  };
  const releaseFields = scalarFields(PRESS_RELEASE_UID);

  const single = (schema: JsonSchema, meta: JsonSchema = { type: 'object' }) => closedObject({ data: schema, meta });
  const list = (schema: JsonSchema) =>
    closedObject({
      data: { type: 'array', items: schema },
      meta: closedObject({ pagination: schemaRef('Pagination') }),
    });

  /** Topics, entities and sources: Strapi's stock find and findOne, read-only. */
  const taxonomy = (path: string, tag: string, uid: string, localized: boolean) => {
    const name = tag[0].toUpperCase() + tag.slice(1);
    const localeParameter = localized ? [locale] : [];
    return {
      [`/api/${path}`]: get(`List ${path}`, tag, {
        operationId: `list${name}s`,
        parameters: [...localeParameter, ...pagination, ...strapiQuery(scalarFields(uid)), ifNoneMatch],
        responses: {
          '200': body(`A page of ${path}.`, list(schemaRef(name)), JSON_TYPE, CACHED),
          '400': error('A parameter Strapi cannot apply (unknown field, operator or locale).'),
          ...READ_RESPONSES,
        },
      }),
      [`/api/${path}/{documentId}`]: get(`One ${tag}`, tag, {
        operationId: `get${name}`,
        parameters: [pathParameter('documentId', { type: 'string' }, `The ${tag}.`), ...localeParameter, ifNoneMatch],
        responses: {
          '200': body(`The ${tag}.`, single(schemaRef(name)), JSON_TYPE, CACHED),
          '404': error(`No such ${tag}${localized ? ' in that locale' : ''}.`),
          ...READ_RESPONSES,
        },
      }),
    };
  };

  const xml = (description: string, mediaType: string) => body(description, { type: 'string' }, mediaType, CACHED);

  /** A release in another format, at /api/press-releases/{documentId}/{format}, with the locale fallback. */
  const releaseFormat = (format: string, summary: string, tag: string, operation: Operation & { ok: unknown }) => {
    const { ok, ...rest } = operation;
    return {
      [`/api/press-releases/{documentId}/${format}`]: get(summary, tag, {
        ...rest,
        parameters: [documentId, locale, fallbackLocale, ifNoneMatch],
        responses: {
          '200': ok,
          '400': error('An unknown locale in `locale` or `fallbackLocale`.'),
          '404': error('Not published in that locale (nor in any `fallbackLocale`).'),
          ...READ_RESPONSES,
        },
      }),
    };
  };

  /** A feed of a locale's newest releases, in the media type the feed controller sends. */
  const feed = (format: FeedFormat, summary: string, description: string, schema: JsonSchema) => {
    const file = { rss: 'rss.xml', atom: 'atom.xml', json: 'feed.json' }[format];
    return {
      [`/feeds/{locale}/${file}`]: get(`${summary}, newest ${FEED_SIZE}`, 'feeds', {
        operationId: `${format}Feed`,
        parameters: [pathParameter('locale', localeSchema, 'The language.'), ifNoneMatch],
        responses: {
          '200': body(description, schema, FEED_CONTENT_TYPES[format].split(';')[0], CACHED),
          '400': error('An unknown locale.'),
          ...READ_RESPONSES,
        },
      }),
    };
  };
  const html = {
    description:
      'The reader page (HTML): the article or list rendered on the server (title, description, canonical and ' +
      'hreflang links, Open Graph and Twitter tags, JSON-LD), then taken over by its script.',
    content: { 'text/html': {} },
  };
  const htmlNotFound = {
    description: 'No such release (or locale): an HTML page that says so, not to be indexed.',
    content: { 'text/html': {} },
  };

  const paths = {
    '/api/press-releases': get('List published press releases, newest first', 'press-releases', {
      operationId: 'listPressReleases',
      description:
        'Published releases only, whatever the parameters (`status` and `populate` are decided by the server and ' +
        'ignored). The default answer lists every field below; `fields` narrows it.',
      parameters: [locale, ...pagination, ...strapiQuery(releaseFields), ifNoneMatch],
      responses: {
        '200': body('A page of releases.', list(schemaRef('PressRelease')), JSON_TYPE, CACHED),
        '400': error('A parameter Strapi cannot apply: unknown locale, field or operator, malformed pagination.'),
        ...READ_RESPONSES,
      },
    }),
    '/api/press-releases/{documentId}': get('One published press release', 'press-releases', {
      operationId: 'getPressRelease',
      parameters: [documentId, locale, fallbackLocale, ifNoneMatch],
      responses: {
        '200': body('The release.', single(schemaRef('PressRelease'), schemaRef('LocaleMeta')), JSON_TYPE, {
          ...CACHED_IN_LOCALE,
        }),
        '400': error('An unknown locale in `locale` or `fallbackLocale`.'),
        '404': error('Not published in that locale (nor in any `fallbackLocale`).'),
        ...READ_RESPONSES,
      },
    }),
    '/api/press-releases/slug/{slug}': get('One published press release by its slug', 'press-releases', {
      operationId: 'getPressReleaseBySlug',
      parameters: [
        pathParameter('slug', { type: 'string', pattern: slugAttribute?.regex }, 'Unique within a locale.'),
        locale,
        ifNoneMatch,
      ],
      responses: {
        '200': body('The release.', single(schemaRef('PressRelease')), JSON_TYPE, CACHED_IN_LOCALE),
        '400': error('An unknown locale.'),
        '404': error('No published release has that slug in that locale.'),
        ...READ_RESPONSES,
      },
    }),
    ...releaseFormat('jsonld', 'schema.org NewsArticle (JSON-LD)', 'structured-formats', {
      operationId: 'getPressReleaseJsonLd',
      ok: body('The release as a NewsArticle.', schemaRef('NewsArticle'), 'application/ld+json', CACHED_IN_LOCALE),
    }),
    ...releaseFormat('ninjs', 'IPTC ninjs 3.1', 'structured-formats', {
      operationId: 'getPressReleaseNinjs',
      description: WITHDRAWN,
      ok: body('The release in ninjs 3.1.', schemaRef('Ninjs'), JSON_TYPE, CACHED_IN_LOCALE),
    }),
    ...releaseFormat('newsml', 'IPTC NewsML-G2 2.35 News Item', 'structured-formats', {
      operationId: 'getPressReleaseNewsml',
      description:
        'The text item: guid and version (the version grows with every change), pubStatus, genre Press Release, ' +
        'headline and kicker, the body as XHTML, the source as provider and credit line, topics (with their IPTC ' +
        'Media Topic) and entities as subjects, the translations and the cover picture as links. ' +
        WITHDRAWN,
      ok: body('The release as a News Item.', { type: 'string' }, NEWS_ITEM_TYPE, CACHED_IN_LOCALE),
    }),
    '/api/press-releases/{documentId}/press-kit.zip': get('The press kit of a release (zip)', 'structured-formats', {
      operationId: 'getPressKit',
      description:
        'Every published locale as plain text, HTML, NewsML-G2 and ninjs, the photos (cover and body) as stored ' +
        'originals with their rights, and `manifest.json`. Streamed with its exact length; cached by its version ' +
        '(the ETag changes when the release or a photo does). `locale` is only checked: the kit holds every locale.',
      parameters: [documentId, locale, ifNoneMatch],
      responses: {
        '200': {
          description: 'The zip.',
          headers: { ETag: ref('headers', 'ETag'), 'Cache-Control': ref('headers', 'CacheControl') },
          content: { 'application/zip': {} },
        },
        '304': READ_RESPONSES['304'],
        '400': error('An unknown locale.'),
        '404': error('The release is not published (or still under embargo).'),
        '429': READ_RESPONSES['429'],
        '503': READ_RESPONSES['503'],
      },
    }),
    ...releaseFormat('related', 'Releases sharing topics or entities', 'press-releases', {
      operationId: 'listRelatedPressReleases',
      description: 'Published releases in the same locale, those with most topics and entities in common first.',
      ok: body('Related releases.', schemaRef('RelatedPressReleases'), JSON_TYPE, CACHED_IN_LOCALE),
    }),
    '/api/search': get('Full-text search of published releases', 'search', {
      operationId: 'searchPressReleases',
      description:
        'Ranked, stemmed per language (websearch syntax: "phrase", or, -word); only the newest 1,000 matches are ' +
        'ranked (`meta.totalIsCapped`). No other parameter is accepted.',
      parameters: [
        {
          ...query('q', { type: 'string', minLength: 1, maxLength: SEARCH_QUERY_MAX_LENGTH }, 'What to search for.'),
          required: true,
        },
        locale,
        query('page', { type: 'integer', minimum: 1, maximum: 1000, default: 1 }, 'Page number, from 1.'),
        query('pageSize', pageSize, 'Hits per page.'),
        ifNoneMatch,
      ],
      responses: {
        '200': body('Hits with a highlighted snippet.', schemaRef('SearchResults'), JSON_TYPE, CACHED),
        '400': error('`q` missing, empty or too long; an unknown locale or parameter.'),
        ...READ_RESPONSES,
      },
    }),
    ...taxonomy('topics', 'topic', TOPIC_UID, true),
    ...taxonomy('entities', 'entity', ENTITY_UID, true),
    ...taxonomy('sources', 'source', SOURCE_UID, false),
    '/api/preview/press-releases/{documentId}': get('An editor\u2019s preview of one version', 'preview', {
      operationId: 'previewPressRelease',
      description:
        'The key is the signed `token` of a preview link from the admin panel (one release, locale and version, ' +
        'for a few minutes); never cached.',
      parameters: [documentId, { ...query('token', { type: 'string' }, 'The signed preview token.'), required: true }],
      responses: {
        '200': body('The version being previewed.', single(schemaRef('PreviewPressRelease'), schemaRef('PreviewMeta'))),
        '401': error('No token, a bad or expired one, or one for another release.'),
        '404': error('That version does not exist.'),
      },
    }),
    '/api/ready': get('Readiness: the database answers', 'health', {
      operationId: 'ready',
      responses: {
        '200': body('Ready.', schemaRef('Readiness')),
        '503': body('Not ready: the database does not answer, or the app is shutting down.', schemaRef('Readiness')),
      },
    }),
    '/_health': get('Liveness (Strapi\u2019s own)', 'health', {
      operationId: 'live',
      responses: { '204': { description: 'The process answers.' } },
    }),
    '/graphql': {
      post: {
        summary: 'GraphQL (published content only, read-only for the public)',
        tags: ['graphql'],
        operationId: 'graphql',
        description:
          'Queries `pressReleases`, `pressRelease`, `pressReleases_connection`, `searchPressReleases`, topics, ' +
          'entities and sources; the schema is available by introspection (GRAPHQL_INTROSPECTION). ' +
          'Depth and page size are limited; mutations are refused.',
        requestBody: { required: true, content: { [JSON_TYPE]: { schema: schemaRef('GraphqlRequest') } } },
        responses: { '200': body('The result (with `errors` when something failed).', schemaRef('GraphqlResponse')) },
      },
    },
    ...feed('rss', 'RSS 2.0 feed', 'RSS 2.0 with full HTML content.', { type: 'string' }),
    ...feed('atom', 'Atom 1.0 feed', 'Atom 1.0 with full HTML content.', { type: 'string' }),
    ...feed('json', 'JSON Feed 1.1', 'JSON Feed 1.1 with full HTML content.', schemaRef('JsonFeed')),
    '/feeds/{locale}/newsml.xml': get(`IPTC NewsML-G2 News Message, newest ${FEED_SIZE}`, 'feeds', {
      operationId: 'newsmlFeed',
      description:
        "Each release's text News Item, then its cover's picture News Item with every rendition; then the canceled " +
        'items of the releases of the locale withdrawn within WITHDRAWN_ITEM_DAYS (the kill).',
      parameters: [pathParameter('locale', localeSchema, 'The language.'), ifNoneMatch],
      responses: {
        '200': xml('A News Message (NewsML-G2 2.35).', NEWS_MESSAGE_TYPE),
        '400': error('An unknown locale.'),
        ...READ_RESPONSES,
      },
    }),
    '/sitemap.xml': get('Sitemap index', 'sitemaps', {
      operationId: 'sitemapIndex',
      parameters: [ifNoneMatch],
      responses: { '200': xml('Lists /sitemaps/releases-N.xml.', 'application/xml'), ...READ_RESPONSES },
    }),
    '/sitemaps/releases-{file}.xml': get('One release sitemap file, oldest releases first', 'sitemaps', {
      operationId: 'releaseSitemap',
      parameters: [
        pathParameter('file', { type: 'integer', minimum: 1, maximum: 999_999 }, 'File number, from 1.'),
        ifNoneMatch,
      ],
      responses: {
        '200': xml('SITEMAP_FILE_URLS releases with their translations.', 'application/xml'),
        '404': error('Past the last file.'),
        ...READ_RESPONSES,
      },
    }),
    '/news-sitemap.xml': get('Google News sitemap: the last two days', 'sitemaps', {
      operationId: 'newsSitemap',
      parameters: [ifNoneMatch],
      responses: { '200': xml(`At most ${NEWS_SITEMAP_MAX_URLS} releases.`, 'application/xml'), ...READ_RESPONSES },
    }),
    '/robots.txt': get('robots.txt, pointing at the sitemaps', 'sitemaps', {
      operationId: 'robots',
      responses: { '200': body('Written at start from PUBLIC_URL.', { type: 'string' }, 'text/plain') },
    }),
    '/openapi.json': get('This document', 'meta', {
      operationId: 'openapi',
      parameters: [ifNoneMatch],
      responses: { '200': body('OpenAPI 3.1.', schemaRef('OpenApiDocument'), JSON_TYPE, CACHED) },
    }),
    '/': get('The reader page: newest releases', 'reader', {
      operationId: 'readerHome',
      responses: { '200': html, '404': htmlNotFound },
    }),
    '/{locale}/press-releases/{slug}': get('The reader page: one release', 'reader', {
      operationId: 'readerArticle',
      description: 'The URL feeds, sitemaps and JSON-LD link to when PUBLIC_URL is this server.',
      parameters: [
        pathParameter('locale', localeSchema, 'The language.'),
        pathParameter('slug', { type: 'string' }, 'The release slug.'),
      ],
      responses: { '200': html, '404': htmlNotFound },
    }),
    '/preview': get('The reader page for an editor\u2019s preview link', 'reader', {
      operationId: 'readerPreview',
      responses: { '200': html },
    }),
    '/reader/{asset}': get('The reader page\u2019s script and style', 'reader', {
      operationId: 'readerAsset',
      parameters: [
        pathParameter('asset', { type: 'string', enum: ['reader.js', 'reader.css', 'text.json'] }, 'The file.'),
      ],
      responses: {
        '200': {
          description: 'The file.',
          content: { 'application/javascript': {}, 'text/css': {}, 'application/json': {} },
        },
      },
    }),
    '/uploads/{file}': get('A file of the media library (covers, their sizes, press kits)', 'media', {
      operationId: 'uploadedFile',
      description: 'Sent inert (nosniff, a sandboxing CSP); only accepted raster images are shown inline.',
      parameters: [pathParameter('file', { type: 'string' }, 'The file name, as in a media `url`.')],
      responses: {
        '200': { description: 'The file.', content: { 'image/*': {}, 'application/octet-stream': {} } },
        '404': { description: 'No such file, or a file of a release still under embargo.' },
      },
    }),
    '/api/press/files/{token}': get('A file of a release under embargo, for one accredited journalist', 'press', {
      operationId: 'pressFile',
      description:
        'The links that replace file URLs in a journalist\u2019s view of an embargoed release (docs/journalists.md). ' +
        'The signed token is the key (an image tag sends no JWT); each use is checked against the journalist\u2019s ' +
        'accreditation and the release as they are now, and recorded in the press access log. Never cached.',
      parameters: [pathParameter('token', { type: 'string' }, 'The signed link token, as in the release.')],
      responses: {
        '200': { description: 'The file.', content: { 'image/*': {}, 'application/octet-stream': {} } },
        '302': { description: 'The file is in a bucket: a short-lived signed URL for it.' },
        '400': error('Not a download link.'),
        '403': error('A forged or expired link, a link made for another journalist, or an accreditation not in force.'),
        '404': error('The release no longer shows this file to this journalist, or the file is gone.'),
      },
    }),
    ...subscriptionPaths(),
    '/api/press/kits/{token}': get('The press kit of a release under embargo, for one accredited journalist', 'press', {
      operationId: 'pressKitUnderEmbargo',
      description:
        'The `pressKit` link of a journalist\u2019s view of an embargoed release: the same zip as the public press ' +
        'kit, with every locale the journalist may see now, each saying until when it is embargoed. Checked and ' +
        'recorded as a file link is. Never cached.',
      parameters: [pathParameter('token', { type: 'string' }, 'The signed link token, as in the release.')],
      responses: {
        '200': { description: 'The press kit.', content: { 'application/zip': {} } },
        '400': error('Not a press kit link.'),
        '403': error('A forged or expired link, a link made for another journalist, or an accreditation not in force.'),
        '404': error('The journalist may no longer see the release.'),
      },
    }),
  };

  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    info: {
      title: 'Newsroom public API',
      version: input.version,
      description:
        'Published press releases over REST, GraphQL, feeds and sitemaps. Everything here is read-only and ' +
        'anonymous but email subscriptions (subscribe, and a subscriber\u2019s own pages); drafts and embargoed ' +
        'releases are never returned.',
    },
    servers: [{ url: input.apiUrl || '/', description: 'This Newsroom' }],
    tags: [
      'press-releases',
      'structured-formats',
      'search',
      'topic',
      'entity',
      'source',
      'feeds',
      'sitemaps',
      'graphql',
      'reader',
      'media',
      'preview',
      'press',
      'subscriptions',
      'health',
      'meta',
    ].map((name) => ({ name })),
    paths,
    components: {
      schemas: componentSchemas(input),
      securitySchemes: {
        basic: { type: 'http', scheme: 'basic', description: 'Any user; the password is the shared secret.' },
        bearer: { type: 'http', scheme: 'bearer', description: 'The shared secret as the token.' },
      },
      parameters: {
        IfNoneMatch: {
          name: 'If-None-Match',
          in: 'header',
          required: false,
          description: 'An ETag from an earlier answer: 304 and no body when it is still current.',
          schema: { type: 'string' },
        },
      },
      headers: {
        ETag: { description: 'Strong ETag of the body.', required: true, schema: { type: 'string' } },
        CacheControl: {
          required: true,
          description: 'How long caches may keep the answer (CACHE_MAX_AGE, CACHE_S_MAXAGE, …).',
          schema: { type: 'string', examples: [input.cacheControl] },
        },
        XCache: {
          description: "Whether the server's response cache answered.",
          schema: { type: 'string', enum: ['hit', 'miss'] },
        },
        ContentLanguage: { description: 'The locale served.', schema: { type: 'string', enum: [...locales] } },
        RetryAfter: { description: 'Seconds to wait.', schema: { type: 'integer' } },
      },
    },
  };
}

/**
 * A standard format whose own specification is the reference: the fields clients rely on are checked, others allowed.
 */
const openFormat = (description: string, properties: Record<string, JsonSchema>, required: string[]) => ({
  type: 'object',
  description,
  required,
  properties,
});

function componentSchemas(input: PublicApiDocumentInput): Record<string, JsonSchema> {
  const release = pressReleaseSchema(input.modelOf, PRESS_RELEASE_UID) as {
    properties: Record<string, JsonSchema>;
    required: string[];
  };
  const count = { type: 'integer', minimum: 0 };
  return {
    PressRelease: release,
    RelatedPressReleases: closedObject({
      data: {
        type: 'array',
        items: {
          ...release,
          properties: {
            ...release.properties,
            sharedLinks: { type: 'integer', minimum: 1, description: 'Topics and entities in common.' },
          },
          required: [...release.required, 'sharedLinks'],
        },
      },
      meta: closedObject({ documentId: { type: 'string' }, locale: { type: 'string' } }),
    }),
    PreviewPressRelease: {
      type: 'object',
      description:
        'The version an editor previews (a draft, or the published one), with the public populate: the fields of ' +
        'PressRelease, read as the document service gives them (a draft has no `publishedAt`; media files may ' +
        'carry the media library\u2019s own fields).',
      required: ['documentId', 'locale', 'headline', 'publishedAt'],
      properties: {
        documentId: { type: 'string' },
        locale: { type: 'string' },
        headline: { type: 'string' },
        publishedAt: { type: ['string', 'null'], format: 'date-time' },
      },
    },
    PreviewMeta: closedObject({
      preview: { const: true },
      status: { type: 'string', enum: ['draft', 'published'] },
      expiresAt: { type: 'string', format: 'date-time', description: 'When the preview link stops working.' },
    }),
    Topic: entrySchema(input.modelOf, TOPIC_UID),
    Entity: entrySchema(input.modelOf, ENTITY_UID),
    Source: entrySchema(input.modelOf, SOURCE_UID),
    MediaFile: mediaFileSchema(input.modelOf),
    Pagination: {
      description: 'Page-based, or offset-based when the request used pagination[start] / pagination[limit].',
      anyOf: [
        closedObject({ page: count, pageSize: count, pageCount: count, total: count }),
        closedObject({ start: count, limit: count, total: count }),
      ],
    },
    LocaleMeta: {
      type: 'object',
      description: 'Filled when `fallbackLocale` was given.',
      properties: {
        requestedLocale: { type: 'string' },
        locale: { type: 'string' },
        fallbackUsed: { type: 'boolean' },
      },
      additionalProperties: false,
    },
    SearchResults: closedObject({
      data: {
        type: 'array',
        items: closedObject({
          documentId: { type: 'string' },
          locale: { type: 'string' },
          slug: { type: ['string', 'null'] },
          kicker: { type: ['string', 'null'] },
          headline: { type: 'string' },
          lead: { type: ['string', 'null'] },
          publishedAt: { type: 'string', format: 'date-time' },
          rank: { type: 'number' },
          snippet: { type: 'string', description: 'HTML: escaped text with the matches in <mark>.' },
        }),
      },
      meta: closedObject({
        query: { type: 'string' },
        locale: { type: 'string' },
        pagination: schemaRef('Pagination'),
        totalIsCapped: { type: 'boolean', description: 'More matched than the 1,000 ranked.' },
      }),
    }),
    NewsArticle: openFormat(
      'A schema.org NewsArticle (https://schema.org/NewsArticle), for search engines.',
      {
        '@context': { const: 'https://schema.org' },
        '@type': { const: 'NewsArticle' },
        headline: { type: 'string' },
        inLanguage: { type: 'string' },
        datePublished: { type: 'string', format: 'date-time' },
        dateModified: { type: 'string', format: 'date-time' },
      },
      ['@context', '@type', 'headline', 'inLanguage', 'datePublished'],
    ),
    Ninjs: openFormat(
      'IPTC ninjs 3.1; the official schema: https://www.iptc.org/std/ninjs/ninjs-schema_3.1.json',
      {
        uri: { type: 'string', format: 'uri' },
        type: { const: 'text' },
        language: { type: 'string' },
        pubStatus: { const: 'usable' },
        headlines: { type: 'array', items: { type: 'object', required: ['value'] } },
      },
      ['uri', 'type', 'language', 'pubStatus', 'headlines'],
    ),
    JsonFeed: openFormat(
      'JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/).',
      {
        version: { const: 'https://jsonfeed.org/version/1.1' },
        title: { type: 'string' },
        items: {
          type: 'array',
          items: { type: 'object', required: ['id'], properties: { id: { type: 'string' }, url: { type: 'string' } } },
        },
      },
      ['version', 'title', 'items'],
    ),
    Readiness: {
      type: 'object',
      required: ['status', 'database'],
      properties: {
        status: { type: 'string', enum: ['ready', 'unavailable', 'shutting down'] },
        database: { type: 'string', enum: ['up', 'down', 'not checked'] },
        error: { type: 'string' },
      },
      additionalProperties: false,
    },
    GraphqlRequest: {
      type: 'object',
      required: ['query'],
      properties: {
        query: { type: 'string' },
        variables: { type: ['object', 'null'] },
        operationName: { type: ['string', 'null'] },
      },
    },
    GraphqlResponse: {
      type: 'object',
      properties: {
        data: { type: ['object', 'null'] },
        errors: { type: 'array', items: { type: 'object', required: ['message'] } },
      },
    },
    OpenApiDocument: { type: 'object', required: ['openapi', 'info', 'paths'] },
    Error: {
      description: "Strapi's error shape.",
      ...closedObject({
        data: { type: 'null' },
        error: closedObject(
          {
            status: { type: 'integer' },
            name: { type: 'string', examples: ['ValidationError', 'NotFoundError'] },
            message: { type: 'string' },
            details: { type: 'object' },
          },
          ['status', 'name', 'message'],
        ),
      }),
    },
  };
}

/**
 * Email subscriptions (docs/press-offices.md): the one public write (asking to subscribe) and a subscriber's own
 * pages, reached with the signed token of their emails. A link only shows a page; every change is a POST.
 */
function subscriptionPaths(): Record<string, Record<string, Operation>> {
  const token = query('token', { type: 'string' }, 'The signed token of the link in the email.');
  const html = (description: string) => ({ description, content: { 'text/html': {} } });
  const invalid = html('The token is not valid, or the subscription is gone.');
  const form = (fields: Record<string, JsonSchema>) => ({
    required: true,
    content: {
      'application/x-www-form-urlencoded': {
        schema: { type: 'object', required: ['token'], properties: { token: { type: 'string' }, ...fields } },
      },
    },
  });
  const page = (summary: string, description: string) =>
    get(summary, 'subscriptions', {
      parameters: [token],
      responses: { '200': html(description), '404': invalid },
    });
  const post = (summary: string, fields: Record<string, JsonSchema>, description: string) => ({
    post: {
      summary,
      tags: ['subscriptions'],
      requestBody: form(fields),
      responses: { '200': html(description), '404': invalid },
    },
  });
  return {
    '/api/subscriptions': {
      post: {
        summary: 'Ask to subscribe to the releases of a language (and topics) by email',
        tags: ['subscriptions'],
        description:
          'Answers 202 whatever the address (new, pending or subscribed already) and sends the email after ' +
          'answering: a confirmation link (double opt-in), or to a subscribed address a link to its preferences. ' +
          'Limited per client and per address (SUBSCRIBE_LIMIT_PER_CLIENT, SUBSCRIBE_LIMIT_PER_ADDRESS, per hour).',
        requestBody: {
          required: true,
          content: {
            [JSON_TYPE]: {
              schema: {
                type: 'object',
                additionalProperties: false,
                required: ['email', 'locale'],
                properties: {
                  email: { type: 'string', format: 'email', maxLength: 254 },
                  locale: { type: 'string', description: 'The language of the releases and the emails.' },
                  topics: {
                    type: 'array',
                    items: { type: 'string' },
                    description: 'Topic documentIds; none: every release in that language.',
                  },
                },
              },
            },
            'application/x-www-form-urlencoded': { schema: { type: 'object' } },
          },
        },
        responses: {
          '202': body('Asked: an email is on its way if the address can receive it.', {
            type: 'object',
            required: ['data', 'meta'],
            properties: {
              data: { type: 'object', properties: { status: { const: 'pending' } } },
              meta: { type: 'object', properties: { message: { type: 'string' } } },
            },
          }),
          '400': error('The address, the language or a topic is not valid.'),
          '429': error('Too many requests to subscribe from this client or for this address.', {
            'Retry-After': ref('headers', 'RetryAfter'),
          }),
        },
      },
    },
    '/api/subscriptions/confirm': {
      ...page('The confirmation page of the emailed link', 'A page with the button that confirms.'),
      ...post('Confirm a subscription', {}, 'Confirmed: releases will be sent.'),
    },
    '/api/subscriptions/preferences': {
      ...page("A subscriber's preferences", 'The form: language and topics; links to download and delete.'),
      ...post(
        'Change the language and topics',
        { locale: { type: 'string' }, topics: { type: 'array', items: { type: 'string' } } },
        'Saved: the form again.',
      ),
    },
    '/api/subscriptions/data': get('Everything kept about a subscriber', 'subscriptions', {
      parameters: [token],
      responses: { '200': { description: 'A JSON download.', content: { [JSON_TYPE]: {} } }, '404': invalid },
    }),
    '/api/subscriptions/unsubscribe': {
      ...page('The unsubscribe page of the link in every email', 'A page with the button that unsubscribes.'),
      ...post(
        'Unsubscribe at once (RFC 8058 one-click: List-Unsubscribe=One-Click)',
        {},
        'Unsubscribed: the subscriber and what was kept of them are deleted.',
      ),
    },
    '/api/subscriptions/delete': post('Unsubscribe and delete what is kept', {}, 'Deleted.'),
    '/api/subscriptions/opened/{item}': get('An open of a release email, counted (MAIL_TRACKING=on)', 'subscriptions', {
      description: 'Counted per release and locale, never per person; 404 while tracking is off.',
      parameters: [pathParameter('item', { type: 'string' }, '`<documentId>.<locale>.gif`, as in the email.')],
      responses: {
        '200': { description: 'A transparent 1×1 GIF.', content: { 'image/gif': {} } },
        '404': error('Tracking is off, or no such release.'),
      },
    }),
    '/api/subscriptions/clicked/{item}': get(
      "A click on a release email's link, counted (MAIL_TRACKING=on)",
      'subscriptions',
      {
        description:
          'Counted per release and locale, never per person; on to the release page. 404 while tracking is off.',
        parameters: [pathParameter('item', { type: 'string' }, '`<documentId>.<locale>`, as in the email.')],
        responses: {
          '302': { description: "On to the release's public page." },
          '404': error('Tracking is off, or no such public release.'),
        },
      },
    ),
    '/api/subscriptions/mail-notices': {
      post: {
        summary: "A mail provider's bounce or complaint notice (Postmark's webhook format)",
        tags: ['subscriptions'],
        description:
          'Authenticated with MAIL_WEBHOOK_SECRET (the HTTP Basic password, or a Bearer token); 404 while it is ' +
          'unset. A hard bounce or a spam complaint suppresses the address and deletes its subscriber.',
        security: [{ basic: [] }, { bearer: [] }],
        requestBody: {
          required: true,
          content: {
            [JSON_TYPE]: {
              schema: {
                type: 'object',
                required: ['RecordType', 'Email'],
                properties: {
                  RecordType: { type: 'string', examples: ['Bounce', 'SpamComplaint'] },
                  Type: { type: 'string', examples: ['HardBounce', 'SoftBounce'] },
                  Email: { type: 'string', format: 'email' },
                  Description: { type: 'string' },
                },
              },
            },
          },
        },
        responses: {
          '204': { description: 'Taken.' },
          '400': error('Not a notice.'),
          '401': error('No secret, or not the secret.'),
          '404': error('The endpoint is off (no MAIL_WEBHOOK_SECRET).'),
        },
      },
    },
  };
}
