/**
 * Media in an S3 bucket (UPLOAD_PROVIDER=s3, Strapi's official S3 provider) against s3rver, an S3-compatible server
 * the test starts in its own process: uploads land in the bucket (the original and every format), nothing on the
 * local disk, and a deleted file leaves the bucket. With a private bucket, every public channel answers with signed
 * URLs that load the picture, cached answers included, while the read model keeps the unsigned ones.
 */
import type { Core } from '@strapi/strapi';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ExifTool } from 'exiftool-vendored';
import sharp from 'sharp';
import { api, graphql, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { ALL_FORMATS, deleteUploads, filesOnDisk, makeImage, uploadAsAdmin } from '../helpers/media';
import { editorToken } from '../helpers/editor';
import { createRelease, deleteRelease, PRESS_RELEASE_UID } from '../helpers/content';
import { startS3Server, type TestS3Server } from '../helpers/s3-server';
import { unzip, wholeBody } from '../helpers/zip';

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
  formats: Record<
    string,
    { url: string; hash: string; ext: string; mime: string; width: number; height: number; size: number }
  >;
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
    // Strapi's sizes, and the WebP copies beside them (this flat picture compresses far better as WebP).
    expect(Object.keys(file.formats).sort()).toEqual(ALL_FORMATS);
    for (const version of versions) expect(version.url).toBe(`${bucketUrl}${version.hash}${version.ext}`);
    expect(await s3.objectKeys()).toEqual(versions.map((version) => `${version.hash}${version.ext}`).sort());

    for (const version of versions) {
      const served = await fetchPicture(version.url);
      expect({ status: served.status, type: served.type }).toEqual({ status: 200, type: version.mime });
      expect(served.picture).toMatchObject({
        format: version.mime.replace('image/', ''),
        width: version.width,
        height: version.height,
      });
      // Strapi records sizes in kB, to two decimals.
      expect(Math.round(served.bytes.length / 10) / 100).toBe(version.size);
    }
    expect(filesOnDisk()).toEqual(diskBefore);

    // The row says the same as the upload's answer.
    const row = (await api(app).get(`/upload/files/${file.id}`).set('authorization', `Bearer ${token}`))
      .body as UploadedFile;
    expect(row.url).toBe(file.url);
  });

  it("lets the admin panel's and the reader page's pages load pictures from the bucket", async () => {
    const directive = (csp: string, name: string) => csp.split(';').find((part) => part.trim().startsWith(name));
    const adminPolicy = String((await api(app).get('/_health')).headers['content-security-policy']);
    expect(directive(adminPolicy, 'img-src')).toContain(s3.endpoint);
    expect(directive(adminPolicy, 'media-src')).toContain(s3.endpoint);
    const reader = await api(app).get('/ru/press-releases/any-slug');
    expect(directive(String(reader.headers['content-security-policy']), 'img-src')).toContain(s3.endpoint);
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

describe('media in a private bucket', () => {
  const saved = { ...process.env };
  let s3: TestS3Server;
  let app: Core.Strapi;
  let token: string;
  let file: UploadedFile;
  let documentId: string;

  beforeAll(async () => {
    s3 = await startS3Server({ private: true });
    Object.assign(process.env, s3.env('private'), { S3_SIGNED_URL_SECONDS: '600' });
    app = await startNewsroom();
    token = await editorToken(app, 'media.s3.private.test@newsroom.test');
    const upload = await uploadAsAdmin(app, token, [
      {
        name: 'embassy.png',
        type: 'image/png',
        content: await makeImage('png', 600, 400),
        alternativeText: 'An embassy',
      },
    ]);
    expect(upload.status).toBe(201);
    [file] = upload.body as UploadedFile[];
    ({ documentId } = await createRelease(app, { headline: 'Private cover ' + file.hash, publish: false }));
    await app.documents(PRESS_RELEASE_UID).update({
      documentId,
      locale: 'ru',
      data: { cover: file.id, seo: { metaTitle: 'Private cover', image: file.id } } as never,
    });
    await app.documents(PRESS_RELEASE_UID).publish({ documentId, locale: 'ru' });
  });
  afterAll(async () => {
    if (app) {
      if (documentId) await deleteRelease(app, documentId);
      if (file) await deleteUploads(app, [file.id]);
      await stopNewsroom(app);
    }
    await s3?.stop();
    process.env = saved;
  });

  /** A signed URL of this bucket's object: the picture, for anyone who has the URL, until it expires. */
  async function expectSignedPicture(url: string, version: { hash: string; ext: string; mime: string }) {
    const signed = new URL(url);
    expect(`${signed.origin}${signed.pathname}`).toBe(`${s3.endpoint}/${s3.bucket}/${version.hash}${version.ext}`);
    expect(signed.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(signed.searchParams.get('X-Amz-Expires')).toBe('600');
    const served = await fetchPicture(url);
    expect({ status: served.status, type: served.type }).toEqual({ status: 200, type: version.mime });
    // The server checks the signature: another one is refused.
    signed.searchParams.set('X-Amz-Signature', '0'.repeat(64));
    expect((await fetch(signed)).status).toBe(403);
  }

  /** The cover and SEO image of a release in a public answer, each with every format, signed. */
  async function expectSignedMedia(release: {
    cover: { url: string; formats: Record<string, { url: string }> };
    seo: { image: { url: string } };
  }) {
    await expectSignedPicture(release.cover.url, file);
    await expectSignedPicture(release.seo.image.url, file);
    for (const [name, format] of Object.entries(release.cover.formats)) {
      await expectSignedPicture(format.url, file.formats[name]);
    }
  }

  it('refuses the unsigned object URL, and the read model stores only unsigned URLs', async () => {
    const row = (await app.db.query('plugin::upload.file').findOne({ where: { id: file.id } })) as UploadedFile;
    expect(row.url).toBe(`${s3.endpoint}/${s3.bucket}/${file.hash}${file.ext}`);
    expect((await fetch(row.url)).status).toBe(403);
    // The upload's own answer (the admin panel's) is signed by Strapi.
    await expectSignedPicture(file.url, file);

    const stored = (await app.db
      .connection('newsroom_public_releases')
      .where({ document_id: documentId })
      .select('public_json')) as { public_json: string }[];
    expect(stored).toHaveLength(1);
    expect(stored[0].public_json).toContain(row.url);
    expect(stored[0].public_json).not.toContain('X-Amz-');
  });

  it('signs media on every REST read of the read model, a cached answer included', async () => {
    for (const attempt of ['miss', 'hit']) {
      const list = await api(app).get('/api/press-releases').query({ locale: 'ru' });
      expect(list.status).toBe(200);
      expect(list.headers['x-cache']).toBe(attempt);
      await expectSignedMedia(
        list.body.data.find((release: { documentId: string }) => release.documentId === documentId),
      );
    }
    const one = await api(app).get(`/api/press-releases/${documentId}`).query({ locale: 'ru' });
    await expectSignedMedia(one.body.data);
    const bySlug = await api(app).get(`/api/press-releases/slug/${one.body.data.slug}`).query({ locale: 'ru' });
    await expectSignedMedia(bySlug.body.data);
    const jsonld = await api(app).get(`/api/press-releases/${documentId}/jsonld`).query({ locale: 'ru' });
    await expectSignedPicture(jsonld.body.image.url, file);
    const ninjs = await api(app).get(`/api/press-releases/${documentId}/ninjs`).query({ locale: 'ru' });
    const renditions = ninjs.body.associations[0].renditions as { name: string; href: string }[];
    for (const rendition of renditions) {
      await expectSignedPicture(rendition.href, rendition.name === 'original' ? file : file.formats[rendition.name]);
    }
    const feed = JSON.parse((await api(app).get('/feeds/ru/feed.json')).text) as {
      items: { id: string; image?: string }[];
    };
    const item = feed.items.find((entry) => entry.id.endsWith(one.body.data.slug));
    await expectSignedPicture(String(item?.image), file); // 600 pixels wide: the original is the feed's size
  });

  it("signs media on Strapi's own path (a filtered REST query) and in GraphQL", async () => {
    const filtered = await api(app)
      .get('/api/press-releases')
      .query({ locale: 'ru', 'filters[documentId][$eq]': documentId });
    expect(filtered.status).toBe(200);
    await expectSignedMedia(filtered.body.data[0]);
    // The read model's answer gives the media as Strapi's own path does, signed URLs aside.
    const withoutUrls = (value: unknown) =>
      JSON.parse(JSON.stringify(value, (key, field) => (key === 'url' ? 0 : field)));
    const fromReadModel = await api(app).get(`/api/press-releases/${documentId}`).query({ locale: 'ru' });
    expect(withoutUrls(fromReadModel.body.data.cover)).toEqual(withoutUrls(filtered.body.data[0].cover));
    expect(withoutUrls(fromReadModel.body.data.seo)).toEqual(withoutUrls(filtered.body.data[0].seo));

    const selection = '{ documentId cover { url formats } seo { image { url } } }';
    const fromModel = await graphql(app, `{ pressReleases(locale: "ru") ${selection} }`);
    expect(fromModel.body.errors).toBeUndefined();
    await expectSignedMedia(
      fromModel.body.data.pressReleases.find((release: { documentId: string }) => release.documentId === documentId),
    );
    const filter = `filters: { documentId: { eq: "${documentId}" } }`;
    const strapiPath = await graphql(app, `{ pressReleases(locale: "ru", ${filter}) ${selection} }`);
    expect(strapiPath.body.errors).toBeUndefined();
    await expectSignedMedia(strapiPath.body.data.pressReleases[0]);
  });

  it('writes corrected photo rights into every object of the photo in the bucket, under the same keys', async () => {
    const edit = await api(app)
      .put(`/newsroom/photo-rights/${file.id}`)
      .set('authorization', `Bearer ${token}`)
      .send({ creator: 'Jane Doe', creditLine: 'Embassy press office' });
    expect(edit.status).toBe(200);
    const one = await api(app).get(`/api/press-releases/${documentId}`).query({ locale: 'ru' });
    expect(one.body.data.cover).toMatchObject({ creator: 'Jane Doe', creditLine: 'Embassy press office' });
    const versions = [one.body.data.cover, ...Object.values(one.body.data.cover.formats)] as { url: string }[];
    const exiftool = new ExifTool({ maxProcs: 1 });
    const work = mkdtempSync(path.join(os.tmpdir(), 'newsroom-s3-rights-'));
    try {
      for (const [index, version] of versions.entries()) {
        const key = new URL(version.url).pathname;
        const { status, bytes } = await fetchPicture(version.url);
        const copy = path.join(work, `${index}${path.extname(key)}`);
        writeFileSync(copy, bytes);
        const tags = (await exiftool.read(copy)) as Record<string, unknown>;
        expect({ key, status, creator: tags.Creator, credit: tags.Credit }).toEqual({
          key,
          status: 200,
          creator: ['Jane Doe'],
          credit: 'Embassy press office',
        });
      }
    } finally {
      await exiftool.end();
    }
  });

  it("packs the bucket's photo into the press kit, fetched as the zip reaches it, its length known first", async () => {
    const kit = await api(app).get(`/api/press-releases/${documentId}/press-kit.zip`).buffer(true).parse(wholeBody);
    expect(kit.status).toBe(200);
    expect(Number(kit.headers['content-length'])).toBe((kit.body as Buffer).length);
    const entries = await unzip(kit.body as Buffer);
    const one = await api(app).get(`/api/press-releases/${documentId}`).query({ locale: 'ru' });
    const { bytes } = await fetchPicture(one.body.data.cover.url);
    const photo = [...entries.entries()].find(([name]) => name.startsWith('photos/'));
    expect(photo?.[0]).toBe(`photos/${file.hash}${file.ext}`);
    expect(Buffer.compare(photo![1], bytes)).toBe(0);
  });
});
