import path from 'node:path';
import type { Core } from '@strapi/strapi';
import Koa from 'koa';
import request from 'supertest';
import { api, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';

let app: Core.Strapi;
beforeAll(async () => {
  app = await startNewsroom();
});
afterAll(async () => {
  await stopNewsroom(app);
});

describe("Strapi's security headers, set once per kind of request", () => {
  /** Strapi's own security middleware, with the app's configuration, alone in a bare Koa app. */
  function strapiSecurityAlone() {
    const entry = (app.config.get('middlewares') as ({ name: string; config?: unknown } | string)[]).find(
      (middleware) => typeof middleware === 'object' && middleware.name === 'strapi::security',
    ) as { config: unknown };
    // Strapi's own, as the registry held it before the app wrapped it (by path: @strapi/core exports no such file).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { security: factory } = require(
      path.join(path.dirname(require.resolve('@strapi/core')), 'middlewares', 'security.js'),
    ) as { security: (config: unknown, context: { strapi: Core.Strapi }) => Koa.Middleware };
    const koa = new Koa();
    koa.use(factory(entry.config, { strapi: app }));
    koa.use((ctx) => {
      ctx.body = 'ok';
    });
    return koa.callback();
  }
  const BARE_KOA = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive']);

  it("sends, request after request, exactly what Strapi's middleware sets per method and path prefix", async () => {
    const alone = strapiSecurityAlone();
    const requests: [string, string][] = [
      ['GET', '/api/topics'],
      ['HEAD', '/api/topics'],
      ['GET', '/graphql?query=%7B__typename%7D'],
      ['POST', '/graphql'],
      ['GET', '/admin/init'],
      ['POST', '/admin/login'],
      ['GET', '/documentation/anything'],
      ['GET', '/feeds/ru/rss.xml'],
    ];
    for (const [method, path] of requests) {
      const expected = await request(alone)[method.toLowerCase() as 'get'](path);
      const names = Object.keys(expected.headers).filter((name) => !BARE_KOA.has(name));
      expect(names).toContain('content-security-policy');
      for (let attempt = 1; attempt <= 3; attempt += 1) {
        const res = await api(app)[method.toLowerCase() as 'get'](path).set('content-type', 'application/json');
        const got = Object.fromEntries(names.map((name) => [name, res.headers[name]]));
        const want = Object.fromEntries(names.map((name) => [name, expected.headers[name]]));
        expect({ method, path, attempt, headers: got }).toEqual({ method, path, attempt, headers: want });
      }
    }
  });
});
