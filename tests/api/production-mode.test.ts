/**
 * The app as it runs in production (NODE_ENV=production), in processes of its own as `npm start` runs it: HSTS on
 * real answers, and the refusal to start with a secret still at its example value.
 */
import { spawn } from 'node:child_process';
import request from 'supertest';
import { PROJECT_ROOT } from '../helpers/newsroom-app';
import { startNewsroomProcess, type NewsroomProcess } from '../helpers/newsroom-process';

describe('in production', () => {
  let server: NewsroomProcess;
  beforeAll(async () => {
    server = await startNewsroomProcess({ NODE_ENV: 'production' });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('sends HSTS on API answers, cache hits included, and on the reader page', async () => {
    for (const path of ['/api/press-releases?locale=ru', '/api/press-releases?locale=ru', '/']) {
      const res = await request(server.url).get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    }
  });

  it('offers no GraphQL landing page (no HTML, nothing loaded from Apollo)', async () => {
    const res = await request(server.url).get('/graphql').set('accept', 'text/html');
    expect(res.headers['content-type']).not.toMatch(/html/);
    expect(res.text).not.toMatch(/apollographql\.com|<html/i);
  });
});

describe('starting in production with an example secret', () => {
  it('exits non-zero, naming the secret, and never listens', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/with-database.ts', 'strapi', 'start'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, NODE_ENV: 'production', JWT_SECRET: 'toBeModified1', PORT: '0', HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).not.toBe(0);
    expect(output).toContain(
      'Refusing to start in production: JWT_SECRET still has the example value from .env.example',
    );
    expect(output).not.toMatch(/Server started|http:\/\/127\.0\.0\.1:\d+/);
  }, 120_000);
});
