import { entrySchema, scalarSchema, type ModelLike } from '../../src/channels/openapi/content-type-schemas';
import { publicApiDocument, type PublicApiDocumentInput } from '../../src/channels/openapi/public-api-document';

/** Small models in the shape Strapi loads them: enough to see each rule, without booting Strapi. */
const MODELS: Record<string, ModelLike> = {
  'api::note.note': {
    attributes: {
      title: { type: 'string', required: true, maxLength: 10 },
      kind: { type: 'enumeration', enum: ['a', 'b'] },
      secret: { type: 'string', private: true },
      hidden: { type: 'string' },
      author: { type: 'relation', relation: 'manyToOne', target: 'api::person.person' },
      tags: { type: 'relation', relation: 'manyToMany', target: 'api::person.person' },
      publishedAt: { type: 'datetime' },
    },
    options: { privateAttributes: ['hidden'] },
  },
  'api::person.person': { attributes: { name: { type: 'string', required: true }, email: { type: 'email' } } },
};
const modelOf = (uid: string) => MODELS[uid];

describe('content-type schemas', () => {
  it('allows null unless an attribute is required', () => {
    expect(scalarSchema({ type: 'string', required: true })).toEqual({ type: 'string' });
    expect(scalarSchema({ type: 'date' })).toEqual({ anyOf: [{ type: 'string', format: 'date' }, { type: 'null' }] });
  });

  it('refuses an attribute type it does not know, rather than describing it wrongly', () => {
    expect(() => scalarSchema({ type: 'geopoint' })).toThrow(/geopoint/);
  });

  it('leaves out private attributes and relations the populate does not name; lists the named fields', () => {
    const schema = entrySchema(modelOf, 'api::note.note', { populate: { author: { fields: ['name'] } } });
    expect(Object.keys(schema.properties)).toEqual(['id', 'documentId', 'title', 'kind', 'author', 'publishedAt']);
    expect(schema.required).toEqual(Object.keys(schema.properties));
    expect(schema.additionalProperties).toBe(false);
    // Published entries always have publishedAt, though Strapi does not mark it required.
    expect(schema.properties.publishedAt).toEqual({ type: 'string', format: 'date-time' });
    const author = (schema.properties.author as { anyOf: { properties: object }[] }).anyOf[0];
    expect(Object.keys(author.properties)).toEqual(['id', 'documentId', 'name']);
  });
});

describe('the public API document', () => {
  const input: PublicApiDocumentInput = {
    apiUrl: 'https://api.example.org',
    version: '1.2.3',
    locales: ['ru', 'az', 'en'],
    defaultLocale: 'ru',
    defaultPageSize: 25,
    maxPageSize: 100,
    cacheControl: 'public, max-age=30',
    modelOf: (uid: string): ModelLike =>
      uid === 'plugin::upload.file'
        ? { attributes: { url: { type: 'string', required: true }, formats: { type: 'json' } } }
        : { attributes: { name: { type: 'string', required: true } } },
  };

  it('is the same bytes for the same input (its ETag does not change between restarts)', () => {
    expect(JSON.stringify(publicApiDocument(input))).toBe(JSON.stringify(publicApiDocument({ ...input })));
  });

  it('takes its server, locales and page-size limits from its input', () => {
    const document = publicApiDocument({ ...input, maxPageSize: 40 }) as {
      servers: { url: string }[];
      paths: Record<string, { get: { parameters: { name?: string; schema?: Record<string, unknown> }[] } }>;
    };
    expect(document.servers[0].url).toBe('https://api.example.org');
    const parameters = document.paths['/api/search'].get.parameters;
    expect(parameters.find((p) => p.name === 'locale')?.schema?.enum).toEqual(['ru', 'az', 'en']);
    expect(parameters.find((p) => p.name === 'pageSize')?.schema?.maximum).toBe(40);
  });
});
