import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { seedNewsroom, seedsDirectory } from '../../src/editorial/seed/seed-newsroom';
import { api, stopNewsroom, PROJECT_ROOT, startNewsroom } from '../helpers/newsroom-app';

const UID = 'api::press-release.press-release';
const RU_HEADLINE = 'Баку и Найроби будут бороться против преступности совместными усилиями';

let app: Core.Strapi;
beforeAll(async () => {
  app = await startNewsroom();
});
afterAll(async () => {
  await stopNewsroom(app);
});

/**
 * Runs `npm run import -- …` as a user would, against the test database. Asynchronously: a synchronous
 * spawn would freeze this process's event loop (and its connection pool's timers) for the whole import.
 */
function runImport(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/import-release.ts', ...args],
      { cwd: PROJECT_ROOT, env: { ...process.env, LOG_LEVEL: 'error' }, encoding: 'utf8', timeout: 120_000 },
      (error, stdout, stderr) =>
        resolve({ status: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

function tempFile(name: string, content: string): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'newsroom-import-')), name);
  writeFileSync(file, content);
  return file;
}

const rowCount = () => app.db.query(UID).count({});

describe('seeding', () => {
  it('is idempotent: seeding again leaves one document with its two locales', async () => {
    const report = await seedNewsroom(app, seedsDirectory(app));
    expect(report.createdReleases).toEqual([]);
    await seedNewsroom(app, seedsDirectory(app));

    const ru = await app.db.query(UID).findMany({ where: { headline: RU_HEADLINE } });
    const documentIds = new Set(ru.map((row: { documentId: string }) => row.documentId));
    expect(documentIds.size).toBe(1);
    const [documentId] = documentIds;
    const rows = (await app.db.query(UID).findMany({ where: { documentId } })) as {
      locale: string;
      publishedAt: string | null;
    }[];
    // Draft & publish keeps a draft and a published row per locale: exactly that, for ru and en.
    const summary = rows.map((r) => `${r.locale}:${r.publishedAt ? 'published' : 'draft'}`).sort();
    expect(summary).toEqual(['en:draft', 'en:published', 'ru:draft', 'ru:published']);
    expect(await app.db.query('api::topic.topic').count({ where: { locale: 'ru' } })).toBe(6);
    expect(await app.db.query('api::entity.entity').count({ where: { locale: 'ru' } })).toBe(13);
    expect(await app.db.query('api::source.source').count({ where: { shortName: 'БР' } })).toBe(1);
  });
});

describe('npm run import', () => {
  it('imports a release, publishes it, and adds a translation to the same document', async () => {
    const ru = tempFile(
      'ru.txt',
      'Новости суда\n\nСуд рассмотрит дело импортёра\n\nПервый абзац текста.\n\nВторой абзац.\n\nТЕСТ\n',
    );
    const first = await runImport([ru, '--locale', 'ru', '--publish']);
    expect(first.stderr).not.toMatch(/error/i);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('slug sud-rassmotrit-delo-importyora');

    const res = await api(app).get('/api/press-releases/slug/sud-rassmotrit-delo-importyora').query({ locale: 'ru' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ kicker: 'Новости суда', headline: 'Суд рассмотрит дело импортёра' });
    expect(res.body.data.source).toMatchObject({ shortName: 'ТЕСТ' });

    const en = tempFile(
      'en.txt',
      'Court news\n\nCourt to hear the importer case\n\nFirst paragraph.\n\nSecond paragraph.\n\nTEST\n',
    );
    const second = await runImport([
      en,
      '--locale',
      'en',
      '--publish',
      '--translation-of',
      'sud-rassmotrit-delo-importyora',
    ]);
    expect(second.status).toBe(0);
    const enRes = await api(app)
      .get('/api/press-releases/slug/court-to-hear-the-importer-case')
      .query({ locale: 'en' });
    expect(enRes.status).toBe(200);
    expect(enRes.body.data.documentId).toBe(res.body.data.documentId);
    expect(enRes.body.data.source).toMatchObject({ shortName: 'ТЕСТ' });

    const again = await runImport([en, '--locale', 'en', '--translation-of', res.body.data.documentId]);
    expect(again.status).not.toBe(0);
    expect(again.stderr).toMatch(/already has a "en" translation/);
  });

  it.each([
    ['an empty file', () => [tempFile('empty.txt', ''), '--locale', 'ru'], /empty/],
    ['a file without a headline', () => [tempFile('x.txt', 'Only a sentence.\n'), '--locale', 'ru'], /No headline/],
    ['an unreadable file', () => ['/nonexistent/release.txt', '--locale', 'ru'], /cannot read/],
    ['a missing --locale', () => [tempFile('ok.txt', 'Headline\n\nBody.\n')], /--locale is required/],
    ['an unknown locale', () => [tempFile('ok.txt', 'Headline\n\nBody.\n'), '--locale', 'xx'], /Unknown locale "xx"/],
    [
      'an unknown original',
      () => [tempFile('ok.txt', 'Headline\n\nBody.\n'), '--locale', 'az', '--translation-of', 'nope'],
      /no press release/,
    ],
  ])('refuses %s with a message, a non-zero exit and nothing written', async (_name, args, message) => {
    const before = await rowCount();
    const result = await runImport(args());
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(await rowCount()).toBe(before);
  });
});
