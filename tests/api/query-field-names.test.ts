/**
 * Queries that pass Strapi's own validation and then failed in its query builder or in PostgreSQL: 500s,
 * found by the generated-input test and a grid of its keys and values. Now a 400 (REST) or BAD_USER_INPUT
 * (GraphQL) with a message: empty or inherited field names, a `$between` without two values, values that do
 * not fit their column.
 */
import type { Core } from '@strapi/strapi';
import { api, graphql, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';

let app: Core.Strapi;
let documentId: string;
let slug: string;

beforeAll(async () => {
  app = await startNewsroom();
  const release = (await api(app).get('/api/press-releases?locale=ru')).body.data[0];
  documentId = release.documentId;
  slug = release.slug;
});

afterAll(async () => {
  await stopNewsroom(app);
});

describe('queries Strapi validated but could not run', () => {
  const paths = () => [
    '/api/press-releases',
    `/api/press-releases/slug/${slug}`,
    `/api/press-releases/${documentId}`,
    '/api/topics',
    '/api/entities',
    '/api/sources',
  ];

  it.each(['sort=..', 'sort=.', 'sort=headline.', 'sort=.slug:desc', 'sort[0]=name..x', 'sort=name:asc,..'])(
    'a sort on one (%s) is a 400 with a message on every REST route',
    async (query) => {
      for (const path of paths()) {
        const res = await api(app).get(`${path}?${query}`);
        expect({ path, status: res.status }).toEqual({ path, status: 400 });
        expect(res.body.error.name).toBe('ValidationError');
        expect(res.body.error.message).toMatch(/^Invalid sort .*empty/);
      }
    },
  );

  it.each([
    'sort=cover.name:sideways',
    'sort=topics.name:up',
    'sort=seo.metaTitle:1',
    'sort[0]=source.name:descending',
  ])('a sort on a relation or component with an order that is not asc or desc (%s) is a 400', async (query) => {
    const res = await api(app).get(`/api/press-releases?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^Invalid sort .*asc or desc/);
  });

  it.each([
    'sort=embargoUntil:asc&sort=topics.name:asc&sort=embargoUntil:asc',
    'sort=topics.name,headline,topics.name:desc',
    'sort[0][topics][name]=asc&sort[1]=topics.name',
  ])('a sort naming a field twice beside a relation path (%s) is a 400 (it was a 500)', async (query) => {
    const res = await api(app).get(`/api/press-releases?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^Invalid sort: it names ".+" twice/);
    const asGraphql = await graphql(
      app,
      '{ pressReleases(sort: ["topics.name:asc", "topics.name:desc"]) { headline } }',
    );
    expect(asGraphql.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('a nested sort with a real order still works', async () => {
    for (const query of ['sort=cover.name:asc', 'sort=topics.name:DESC', 'sort[0]=seo.metaTitle:desc']) {
      expect({ query, status: (await api(app).get(`/api/press-releases?${query}`)).status }).toEqual({
        query,
        status: 200,
      });
    }
  });

  it('an empty fields= is a 400 with a message on every REST route', async () => {
    for (const path of paths()) {
      const res = await api(app).get(`${path}?fields=`);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(res.body.error.message).toMatch(/^Invalid fields ""/);
    }
  });

  it('a sort on one is refused by GraphQL, on a list and on a relation, as bad input', async () => {
    for (const query of [
      '{ pressReleases(sort: [".."]) { headline } }',
      '{ pressReleases { headline topics(sort: ["name."]) { name } } }',
      '{ topics(sort: "..") { name } }',
    ]) {
      const res = await graphql(app, query);
      expect(res.status).toBeLessThan(500);
      expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.body.errors[0].message).toMatch(/^Invalid sort .*empty/);
    }
  });

  it.each([
    ['fields=constructor', /^Invalid key constructor/],
    ['sort=toString:desc', /^Invalid key toString/],
    ['filters[id][$between][1]=5', /^Invalid filter: \$between takes exactly two values/],
    ['filters[id][$eq]=abc', /^A value in the query does not fit the field it is compared with \(integer\)/],
    ['filters[id][$in][0]=1&filters[id][$in][1]=x', /^A value in the query does not fit/],
    [
      'pagination[start]=99999999999999999999',
      /^A value in the query does not fit the field it is compared with \(bigint\)/,
    ],
    [
      'filters[issuedAt][$contains]=2026',
      /^An operator in the filters does not apply to the type of the field/,
      ['/api/press-releases'],
    ],
    [
      'filters[cover][size][$gt]=x',
      /^A value in the query does not fit the field it is compared with \(number\)/,
      ['/api/press-releases'],
    ],
  ])(
    '%s is a 400 with a message on the list routes (it was a 500)',
    async (query, message, paths = ['/api/press-releases', '/api/topics']) => {
      for (const path of paths) {
        const res = await api(app).get(`${path}?${query}`);
        expect({ path, status: res.status }).toEqual({ path, status: 400 });
        expect(res.body.error.name).toBe('ValidationError');
        expect(res.body.error.message).toMatch(message);
        expect(res.text).not.toMatch(/select|from "/i); // no SQL in the answer
      }
    },
  );

  it("a populate path through an inherited name is a 400 (it was a 500 in Strapi's populate traversal)", async () => {
    const res = await api(app).get('/api/topics?populate[createdBy]=constructor.name');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^Invalid key constructor/);
  });

  it(
    'GraphQL answers a $between without two values and an inherited name as bad input, ' + 'not as an internal error',
    async () => {
      for (const [query, message] of [
        ['{ topics(filters: { name: { between: ["a"] } }) { name } }', /\$between takes exactly two values/],
        ['{ pressReleases { topics(sort: "constructor") { name } } }', /^Invalid key constructor/],
      ] as const) {
        const res = await graphql(app, query);
        expect({ query, code: res.body.errors?.[0]?.extensions?.code, message: res.body.errors?.[0]?.message }).toEqual(
          {
            query,
            code: 'BAD_USER_INPUT',
            message: expect.anything(),
          },
        );
        expect(res.body.errors[0].message).toMatch(message);
      }
    },
  );

  it('leaves well-formed sorts working', async () => {
    const res = await api(app).get('/api/press-releases?locale=ru&sort=headline:desc');
    expect(res.status).toBe(200);
    expect(res.body.data.length).toBeGreaterThan(0);
    const byName = await graphql(app, '{ topics(sort: "name:asc") { name } }');
    expect(byName.body.errors).toBeUndefined();
    expect(byName.body.data.topics.length).toBeGreaterThan(0);
  });
});
