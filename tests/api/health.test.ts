import type { Core } from '@strapi/strapi';
import { api, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';

let app: Core.Strapi;
beforeAll(async () => {
  app = await startNewsroom();
});
afterAll(async () => {
  await stopNewsroom(app);
});

describe('health', () => {
  it('answers liveness and readiness', async () => {
    expect((await api(app).get('/_health')).status).toBe(204);
    const ready = await api(app).get('/api/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', database: 'up' });
    expect(ready.headers['cache-control']).toBe('no-store');
  });
});

describe('the outage guard on GraphQL', () => {
  it("does not probe the database for a client's own GraphQL mistakes (they are not outages)", async () => {
    const statements: string[] = [];
    const listener = (query: { sql: string }) => statements.push(query.sql);
    app.db.connection.on('query', listener);
    try {
      // A forbidden operation and an invalid argument: answered with errors, the database is fine.
      const forbidden = await api(app)
        .post('/graphql')
        .send({ query: 'mutation { deletePressRelease(documentId: "x") { documentId } }' });
      const invalid = await api(app)
        .post('/graphql')
        .send({ query: '{ searchPressReleases(q: "") { hits { headline } } }' });
      expect([forbidden.status, invalid.status].every((status) => status < 500)).toBe(true);
      expect(JSON.stringify([forbidden.body, invalid.body])).toContain('errors');
    } finally {
      app.db.connection.removeListener('query', listener);
    }
    expect(statements.filter((sql) => /^SELECT 1$/i.test(sql.trim()))).toEqual([]);
  });
});
