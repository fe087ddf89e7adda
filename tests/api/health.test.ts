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
