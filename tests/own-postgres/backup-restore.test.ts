/**
 * Backup and restore: `npm run backup` (strapi export) on one database and `npm run restore` (strapi import)
 * into another round-trip the Baku–Nairobi release, both locales and versions with every field (timestamps, embargo,
 * SEO component), its relations, a cover image (record and bytes), the locales and the public role's permissions.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { startTestDatabaseServer, type TestDatabaseServer } from '../helpers/database-server';
import { api, PROJECT_ROOT, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { bakuNairobiId, PRESS_RELEASE_UID } from '../helpers/content';
import { npmRun } from '../helpers/npm-scripts';

const saved = { ...process.env };
let source: TestDatabaseServer;
let target: TestDatabaseServer;
let workDir: string;

afterAll(async () => {
  await source?.remove();
  await target?.remove();
  if (workDir) await rm(workDir, { recursive: true, force: true });
  process.env = saved;
});

interface Snapshot {
  rows: Record<string, unknown>[];
  cover: { name: string; hash: string; url: string; alternativeText: string | null; bytes: string } | null;
  locales: string[];
  publicPermissions: string[];
}

/** Every field of a component, without its row id (a restore may renumber rows). */
const withoutId = (value: Record<string, unknown> | null | undefined) => {
  if (!value) return null;
  const { id: _id, ...fields } = value;
  return fields;
};

/** What must survive: every locale and version of the release, with its relations and cover. */
async function snapshot(app: Core.Strapi, documentId: string): Promise<Snapshot> {
  const rows = (await app.db.query(PRESS_RELEASE_UID).findMany({
    where: { documentId },
    populate: {
      topics: { orderBy: { documentId: 'asc' } },
      entities: { orderBy: { documentId: 'asc' } },
      source: true,
      cover: true,
      seo: true,
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- entities of several shapes, read field by field
  })) as Record<string, any>[];
  const cover = rows.find((row) => row.cover)?.cover ?? null;
  return {
    rows: rows
      .map((row) => ({
        documentId: row.documentId,
        locale: row.locale,
        published: row.publishedAt !== null,
        kicker: row.kicker,
        headline: row.headline,
        slug: row.slug,
        lead: row.lead,
        body: row.body,
        dateline: row.dateline,
        issuedAt: row.issuedAt,
        embargoUntil: row.embargoUntil,
        createdAt: row.createdAt,
        updatedAt: row.updatedAt,
        publishedAt: row.publishedAt,
        seo: withoutId(row.seo),
        topics: row.topics.map((topic: { documentId: string; name: string }) => [topic.documentId, topic.name]),
        entities: row.entities.map((entity: { documentId: string; name: string }) => [entity.documentId, entity.name]),
        source: row.source ? [row.source.documentId, row.source.name] : null,
        cover: row.cover ? row.cover.hash : null,
      }))
      .sort((a, b) => `${a.locale}:${a.published}`.localeCompare(`${b.locale}:${b.published}`)),
    cover: cover
      ? {
          name: cover.name,
          hash: cover.hash,
          url: cover.url,
          alternativeText: cover.alternativeText,
          bytes: readFileSync(path.join(PROJECT_ROOT, 'public', cover.url)).toString('base64'),
        }
      : null,
    locales: ((await app.db.query('plugin::i18n.locale').findMany({})) as { code: string; name: string }[])
      .map((l) => `${l.code}:${l.name}`)
      .sort(),
    publicPermissions: (
      (await app.db
        .query('plugin::users-permissions.permission')
        .findMany({ where: { role: { type: 'public' } } })) as { action: string }[]
    )
      .map((permission) => permission.action)
      .sort(),
  };
}

describe('backup and restore', () => {
  // Two database servers and Strapi's own export and import, each of which compiles the app: minutes on a busy
  // machine, where Jest's 2-minute default has run out.
  it('round-trips the Baku–Nairobi release with both locales, relations and media', async () => {
    workDir = await mkdtemp(path.join(os.tmpdir(), 'newsroom-backup-'));
    source = await startTestDatabaseServer('backup-source');
    target = await startTestDatabaseServer('backup-target');

    // The source: the seeded story, with a cover image added as an editor would.
    process.env.DATABASE_URL = source.url;
    let app = await startNewsroom();
    const documentId = await bakuNairobiId(app);
    const [file] = (await app
      .plugin('upload')
      .service('upload')
      .upload({
        data: {
          fileInfo: { name: `cover-${randomBytes(3).toString('hex')}.png`, alternativeText: 'Baku and Nairobi' },
        },
        files: {
          filepath: path.join(PROJECT_ROOT, 'favicon.png'),
          originalFilename: 'cover.png',
          mimetype: 'image/png',
          size: statSync(path.join(PROJECT_ROOT, 'favicon.png')).size,
        },
      })) as { id: number }[];
    // Every kind of field filled: a cover, an embargo (past, so the story stays public), the SEO component.
    const seo = { metaTitle: 'Баку и Найроби', metaDescription: 'Сотрудничество прокуроров Азербайджана и Кении.' };
    await app.documents(PRESS_RELEASE_UID).update({
      documentId,
      locale: 'ru',
      data: { cover: file.id, embargoUntil: '2026-01-02T03:04:05.000Z', seo } as never,
    });
    await app.documents(PRESS_RELEASE_UID).publish({ documentId, locale: 'ru' });
    const before = await snapshot(app, documentId);
    await stopNewsroom(app);
    expect(before.rows.map((row) => `${row.locale}:${row.published}`)).toEqual([
      'en:false',
      'en:true',
      'ru:false',
      'ru:true',
    ]);
    expect(before.cover).not.toBeNull();
    expect((before.rows[0].topics as unknown[]).length).toBeGreaterThan(0);
    expect(before.rows.find((row) => row.locale === 'ru' && row.published)).toMatchObject({
      embargoUntil: expect.anything(),
      seo: expect.objectContaining(seo),
    });
    expect(before.publicPermissions).toContain('api::press-release.press-release.find');

    const archive = path.join(workDir, 'newsroom');
    const backup = await npmRun('backup', ['-f', archive], source.url);
    expect({ code: backup.code, output: backup.code === 0 ? '' : backup.output }).toEqual({ code: 0, output: '' });
    expect(existsSync(`${archive}.tar.gz`)).toBe(true);

    // The media file must come from the archive, not from this machine's disk.
    rmSync(path.join(PROJECT_ROOT, 'public', String(before.cover?.url)));
    // The target starts as another newsroom would (its own seed), and is replaced by the backup.
    const restore = await npmRun('restore', ['-f', `${archive}.tar.gz`], target.url);
    expect({ code: restore.code, output: restore.code === 0 ? '' : restore.output }).toEqual({ code: 0, output: '' });

    process.env.DATABASE_URL = target.url;
    app = await startNewsroom();
    try {
      expect(await snapshot(app, documentId)).toEqual(before);
      // The media file itself is there, and the public API and search serve the restored story.
      const release = await api(app).get(`/api/press-releases/${documentId}`).query({ locale: 'ru' });
      expect(release.status).toBe(200);
      expect(release.body.data.cover.url).toBe(before.cover?.url);
      expect((await api(app).get(String(before.cover?.url))).status).toBe(200);
      const search = await api(app).get('/api/search').query({ q: 'прокуроров', locale: 'ru' });
      expect(search.body.data.map((hit: { documentId: string }) => hit.documentId)).toContain(documentId);
      const english = await api(app).get(`/api/press-releases/${documentId}`).query({ locale: 'en' });
      expect(english.status).toBe(200);
    } finally {
      const files = (await app.db.query('plugin::upload.file').findMany({ where: { hash: before.cover?.hash } })) as {
        id: number;
      }[];
      for (const restored of files) await app.plugin('upload').service('upload').remove(restored);
      await stopNewsroom(app);
    }
  }, 300_000);
});
