import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { createStrapi } from './strapi-modules';
import request from 'supertest';
import { databaseSettled } from '../../scripts/database-settled';
import { goLiveOf } from '../../src/delivery/go-live/go-live-scheduler';

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
export const SHARED_SEED_FILE = path.resolve(PROJECT_ROOT, '..', 'shared', 'seeds', 'baku-nairobi.ru.txt');

/**
 * The real app, on the test database, with its HTTP routes mounted (no port: supertest drives it). With the admin
 * panel served for browser tests (it must be built: see ensureAdminBuild in ./browser).
 */
export async function startNewsroom(options: { adminPanel?: boolean } = {}): Promise<Core.Strapi> {
  const app = await createStrapi({
    appDir: PROJECT_ROOT,
    distDir: process.env.NEWSROOM_DIST_DIR,
    autoReload: false,
    serveAdminPanel: options.adminPanel ?? false,
  }).load();
  await app.server.mount();
  // The first look at go-live (started by the bootstrap) is done before the test's requests: it may announce what an
  // earlier test file deleted, and a withdrawal empties the response cache, which would turn a test's hit into a miss.
  await goLiveOf(app).settled();
  return app;
}

/** Lets the app's after-commit work (events, webhooks) finish before the pool closes. */
export async function stopNewsroom(app: Core.Strapi): Promise<void> {
  await databaseSettled(app);
  await app.destroy();
}

export function api(app: Core.Strapi) {
  return request(app.server.httpServer);
}

export function graphql(app: Core.Strapi, query: string, variables?: Record<string, unknown>) {
  return api(app).post('/graphql').set('content-type', 'application/json').send({ query, variables });
}

/** The Russian original as shared with the team, paragraphs by blank lines, whitespace-trimmed. */
export function sharedSeedParagraphs(): string[] {
  return readFileSync(SHARED_SEED_FILE, 'utf8')
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter((block) => block.length > 0);
}

/**
 * The release sitemaps as a crawler reads them: the index at /sitemap.xml, then every file it lists (by its path
 * on this server). `status` is the worst status met; `text` the files' XML one after the other.
 */
export async function releaseSitemaps(app: Core.Strapi): Promise<{ status: number; text: string }> {
  const index = await api(app).get('/sitemap.xml');
  if (index.status !== 200) return { status: index.status, text: index.text };
  const paths = [...index.text.matchAll(/<loc>([^<]+)<\/loc>/g)].map((loc) => new URL(loc[1]).pathname);
  const files = await Promise.all(paths.map((path) => api(app).get(path)));
  return {
    status: Math.max(200, ...files.map((file) => file.status)),
    text: files.map((file) => file.text).join('\n'),
  };
}
