/**
 * A sort with an empty field name (`sort=..`, `sort=headline.`) and an empty `fields=` pass Strapi's own
 * query validation and then fail in its query builder: they were 500s, found by the generated-input test.
 * Now a 400 everywhere.
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

describe('empty field names in a query', () => {
  const paths = () => ['/api/press-releases', `/api/press-releases/slug/${slug}`, `/api/press-releases/${documentId}`, '/api/topics', '/api/entities', '/api/sources'];

  it.each(['sort=..', 'sort=.', 'sort=headline.', 'sort=.slug:desc', 'sort[0]=name..x', 'sort=name:asc,..'])('a sort on one (%s) is a 400 with a message on every REST route', async (query) => {
    for (const path of paths()) {
      const res = await api(app).get(`${path}?${query}`);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(res.body.error.name).toBe('ValidationError');
      expect(res.body.error.message).toMatch(/^Invalid sort .*empty/);
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

  it('leaves well-formed sorts working', async () => {
    const res = await api(app).get('/api/press-releases?locale=ru&sort=headline:desc');
    expect(res.status).toBe(200);
    expect(res.body.data.length).toBeGreaterThan(0);
    const byName = await graphql(app, '{ topics(sort: "name:asc") { name } }');
    expect(byName.body.errors).toBeUndefined();
    expect(byName.body.data.topics.length).toBeGreaterThan(0);
  });
});
