/**
 * Media in an S3 bucket (UPLOAD_PROVIDER=s3, Strapi's official S3 provider) against s3rver, an S3-compatible server
 * the test starts in its own process: uploads land in the bucket (the original and every format), nothing on the
 * local disk, and a deleted file leaves the bucket.
 */
import type { Core } from '@strapi/strapi';
import sharp from 'sharp';
import { api, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { deleteUploads, filesOnDisk, makeImage, uploadAsAdmin } from '../helpers/media';
import { editorToken } from '../helpers/editor';
import { startS3Server, type TestS3Server } from '../helpers/s3-server';

interface UploadedFile {
  id: number;
  url: string;
  hash: string;
  ext: string;
  mime: string;
  width: number;
  height: number;
  size: number;
  provider: string;
  formats: Record<string, { url: string; hash: string; ext: string; width: number; height: number; size: number }>;
}

/** The picture behind a URL, fetched as a browser would (no credentials). */
async function fetchPicture(url: string) {
  const response = await fetch(url);
  const bytes = Buffer.from(await response.arrayBuffer());
  const picture = response.ok ? await sharp(bytes).metadata() : undefined;
  return { status: response.status, type: response.headers.get('content-type'), bytes, picture };
}

describe('media in a public-read bucket', () => {
  const saved = { ...process.env };
  let s3: TestS3Server;
  let app: Core.Strapi;
  let token: string;
  const uploadedIds: number[] = [];

  beforeAll(async () => {
    s3 = await startS3Server({ private: false });
    Object.assign(process.env, s3.env('public-read'));
    app = await startNewsroom();
    token = await editorToken(app, 'media.s3.test@newsroom.test');
  });
  afterAll(async () => {
    if (app) {
      await deleteUploads(app, uploadedIds);
      await stopNewsroom(app);
    }
    await s3?.stop();
    process.env = saved;
  });

  it('stores an upload and its formats in the bucket, served from there to anyone, and none on disk', async () => {
    const diskBefore = filesOnDisk();
    const upload = await uploadAsAdmin(app, token, [
      { name: 'harbour.png', type: 'image/png', content: await makeImage('png', 1200, 900) },
    ]);
    expect(upload.status).toBe(201);
    const [file] = upload.body as UploadedFile[];
    uploadedIds.push(file.id);

    expect(file.provider).toBe('aws-s3');
    const bucketUrl = `${s3.endpoint}/${s3.bucket}/`;
    const versions = [file, ...Object.values(file.formats)];
    expect(Object.keys(file.formats).sort()).toEqual(['large', 'medium', 'small', 'thumbnail']);
    for (const version of versions) expect(version.url).toBe(`${bucketUrl}${version.hash}${version.ext}`);
    expect(await s3.objectKeys()).toEqual(versions.map((version) => `${version.hash}${version.ext}`).sort());

    for (const version of versions) {
      const served = await fetchPicture(version.url);
      expect({ status: served.status, type: served.type }).toEqual({ status: 200, type: 'image/png' });
      expect(served.picture).toMatchObject({ format: 'png', width: version.width, height: version.height });
      // Strapi records sizes in kB, to two decimals.
      expect(Math.round(served.bytes.length / 10) / 100).toBe(version.size);
    }
    expect(filesOnDisk()).toEqual(diskBefore);

    // The row says the same as the upload's answer.
    const row = (await api(app).get(`/upload/files/${file.id}`).set('authorization', `Bearer ${token}`))
      .body as UploadedFile;
    expect(row.url).toBe(file.url);
  });

  it('removes the objects of a deleted file from the bucket', async () => {
    const upload = await uploadAsAdmin(app, token, [
      { name: 'pier.png', type: 'image/png', content: await makeImage('png', 400, 300) },
    ]);
    expect(upload.status).toBe(201);
    const [file] = upload.body as UploadedFile[];
    const keys = [file, ...Object.values(file.formats)].map((version) => `${version.hash}${version.ext}`);
    expect(await s3.objectKeys()).toEqual(expect.arrayContaining(keys));

    const removed = await api(app).delete(`/upload/files/${file.id}`).set('authorization', `Bearer ${token}`);
    expect(removed.status).toBe(200);
    expect((await s3.objectKeys()).filter((key) => keys.includes(key))).toEqual([]);
    expect((await fetch(file.url)).status).toBe(404);
  });
});
