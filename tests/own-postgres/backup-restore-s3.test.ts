/**
 * Backup and restore with media in S3 buckets: `npm run backup` (strapi export) reads every object of a private
 * bucket through signed URLs into the archive, and `npm run restore` (strapi import) uploads them to the bucket the
 * target is configured with (here another server's), pointing the restored rows at those objects.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { startTestDatabaseServer, type TestDatabaseServer } from '../helpers/database-server';
import { api, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { bakuNairobiId, PRESS_RELEASE_UID } from '../helpers/content';
import { editorToken } from '../helpers/editor';
import { deleteUploads, makeImage, uploadAsAdmin } from '../helpers/media';
import { npmRun } from '../helpers/npm-scripts';
import { startS3Server, type TestS3Server } from '../helpers/s3-server';

interface FileRow {
  id: number;
  hash: string;
  url: string;
  provider: string;
  formats: Record<string, { hash: string; ext: string; url: string }> | null;
  ext: string;
}

const saved = { ...process.env };
let sourceDatabase: TestDatabaseServer;
let targetDatabase: TestDatabaseServer;
let sourceBucket: TestS3Server;
let targetBucket: TestS3Server;
let workDir: string;

afterAll(async () => {
  await sourceDatabase?.remove();
  await targetDatabase?.remove();
  await sourceBucket?.stop();
  await targetBucket?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
  process.env = saved;
});

/** A file row's versions (the original and its formats) as `key → URL`. */
const versionsOf = (file: FileRow): Map<string, string> =>
  new Map(
    [file, ...Object.values(file.formats ?? {})].map((version) => [`${version.hash}${version.ext}`, version.url]),
  );

async function bucketContent(bucket: TestS3Server): Promise<Map<string, string>> {
  const content = new Map<string, string>();
  for (const key of await bucket.objectKeys())
    content.set(key, String((await bucket.objectBytes(key))?.toString('hex')));
  return content;
}

describe('backup and restore with media in a bucket', () => {
  // Two database servers and Strapi's own export and import, each of which compiles the app: minutes on a busy
  // machine, where Jest's 2-minute default has run out.
  it('moves every object through the archive into the target bucket, the rows pointing at them', async () => {
    workDir = await mkdtemp(path.join(os.tmpdir(), 'newsroom-backup-s3-'));
    [sourceDatabase, targetDatabase] = await Promise.all([
      startTestDatabaseServer('backup-s3-source'),
      startTestDatabaseServer('backup-s3-target'),
    ]);
    [sourceBucket, targetBucket] = await Promise.all([
      startS3Server({ private: true }),
      startS3Server({ private: false }),
    ]);

    // The source: the seeded story with a cover (and its formats) in a private bucket.
    Object.assign(process.env, sourceBucket.env('private'), { DATABASE_URL: sourceDatabase.url });
    let app: Core.Strapi = await startNewsroom();
    const documentId = await bakuNairobiId(app);
    const token = await editorToken(app, 'backup.s3.test@newsroom.test');
    const upload = await uploadAsAdmin(app, token, [
      {
        name: 'nairobi.png',
        type: 'image/png',
        content: await makeImage('png', 800, 600),
        alternativeText: 'Nairobi',
      },
    ]);
    expect(upload.status).toBe(201);
    const [uploaded] = upload.body as FileRow[];
    await app.documents(PRESS_RELEASE_UID).update({ documentId, locale: 'ru', data: { cover: uploaded.id } as never });
    await app.documents(PRESS_RELEASE_UID).publish({ documentId, locale: 'ru' });
    const before = (await app.db.query('plugin::upload.file').findOne({ where: { id: uploaded.id } })) as FileRow;
    await stopNewsroom(app);
    const sourceContent = await bucketContent(sourceBucket);
    expect([...sourceContent.keys()]).toEqual([...versionsOf(before).keys()].sort());

    const archive = path.join(workDir, 'newsroom');
    const backup = await npmRun('backup', ['-f', archive], sourceDatabase.url);
    expect({ code: backup.code, output: backup.code === 0 ? '' : backup.output }).toEqual({ code: 0, output: '' });

    Object.assign(process.env, targetBucket.env('public-read'), { DATABASE_URL: targetDatabase.url });
    const restore = await npmRun('restore', ['-f', `${archive}.tar.gz`], targetDatabase.url);
    expect({ code: restore.code, output: restore.code === 0 ? '' : restore.output }).toEqual({ code: 0, output: '' });

    // The same objects, byte for byte, now in the target's bucket; the source's is left as it was.
    expect(await bucketContent(targetBucket)).toEqual(sourceContent);
    expect(await bucketContent(sourceBucket)).toEqual(sourceContent);

    app = await startNewsroom();
    try {
      const restored = (await app.db.query('plugin::upload.file').findOne({ where: { hash: before.hash } })) as FileRow;
      expect(restored.provider).toBe('aws-s3');
      const bucketUrl = `${targetBucket.endpoint}/${targetBucket.bucket}/`;
      for (const [key, url] of versionsOf(restored)) {
        expect(url).toBe(`${bucketUrl}${key}`);
        const served = await fetch(url);
        expect(served.status).toBe(200);
        expect(Buffer.from(await served.arrayBuffer()).toString('hex')).toBe(sourceContent.get(key));
      }
      const release = await api(app).get(`/api/press-releases/${documentId}`).query({ locale: 'ru' });
      expect(release.status).toBe(200);
      expect(release.body.data.cover.url).toBe(restored.url);
      await deleteUploads(app, [restored.id]);
    } finally {
      await stopNewsroom(app);
    }
  }, 300_000);
});
