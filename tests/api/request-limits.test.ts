import type { Core } from '@strapi/strapi';
import { api, graphql, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';

let app: Core.Strapi;
beforeAll(async () => {
  app = await startNewsroom();
});
afterAll(async () => {
  await stopNewsroom(app);
});

describe('request limits', () => {
  it('caps REST pagination at 100 whatever is asked', async () => {
    for (const query of [{ 'pagination[pageSize]': 1000 }, { 'pagination[limit]': 100000 }]) {
      const res = await api(app)
        .get('/api/press-releases')
        .query({ locale: 'ru', ...query });
      expect(res.status).toBe(200);
      const pagination = res.body.meta.pagination as { pageSize?: number; limit?: number };
      expect(pagination.pageSize ?? pagination.limit).toBe(100);
    }
  });

  it('caps GraphQL pagination at 100', async () => {
    const res = await graphql(
      app,
      '{ pressReleases_connection(locale: "ru", pagination: { pageSize: 5000 }) { pageInfo { pageSize } } }',
    );
    expect(res.status).toBe(200);
    expect(res.body.data.pressReleases_connection.pageInfo.pageSize).toBe(100);
  });

  it('refuses GraphQL queries deeper than the depth limit', async () => {
    let selection = 'headline';
    for (let i = 0; i < 12; i += 1) selection = `topics { pressReleases { ${selection} } }`;
    const res = await graphql(app, `{ pressReleases(locale: "ru") { ${selection} } }`);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.errors)).toMatch(/exceeds maximum operation depth/i);
  });

  it('refuses GraphQL bodies over 256 KB with 413', async () => {
    const res = await graphql(app, `{ pressReleases(locale: "ru") { headline } } # ${'x'.repeat(300 * 1024)}`);
    expect(res.status).toBe(413);
    expect(res.body.errors[0].message).toMatch(/too large/i);
  });

  it('refuses oversized REST bodies on write routes before anything is parsed', async () => {
    const res = await api(app)
      .post('/api/press-releases')
      .send({ data: { headline: 'x'.repeat(2 * 1024 * 1024) } });
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ status: 413, name: 'PayloadTooLargeError' });
  });
});
