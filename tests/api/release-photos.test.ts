/**
 * A release's photo, end to end through the API: an Editor uploads a camera photo (EXIF with GPS) through the admin
 * upload API; every stored file has lost its metadata and Strapi made its responsive sizes; a release with that cover
 * is refused publication until the photo has alternative text; then the cover, its sizes and its alternative text
 * reach REST, GraphQL, JSON-LD, ninjs (valid against the schema) and the three feeds, each read by a real parser, and
 * every URL they give serves the picture.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import Parser from 'rss-parser';
import sharp from 'sharp';
import { api, graphql, PROJECT_ROOT, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { createRelease, deleteRelease, PRESS_RELEASE_UID } from '../helpers/content';
import { ALL_FORMATS, deleteUploads, makeUploadedImage, uploadAsAdmin } from '../helpers/media';
import { editorToken } from '../helpers/editor';

const TAG = 'Zzphoto';
const ALT = 'Два министра пожимают руки перед флагами Азербайджана и Кении';

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
ajv.addSchema({ $id: 'https://geojson.org/schema/GeoJSON.json', not: {} });
const validateNinjs = ajv.compile(
  JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'tests/fixtures/ninjs/ninjs-schema_3.1.json'), 'utf8')),
);

/** A camera photo as a phone writes it: 1600×1200 pixels, EXIF with the camera, the time and a GPS position. */
function cameraPhoto(): Promise<Buffer> {
  return sharp({ create: { width: 1600, height: 1200, channels: 3, background: { r: 20, g: 90, b: 160 } } })
    .jpeg({ quality: 85 })
    .withExif({
      IFD0: { Make: 'TestCam', Model: 'Newsroom X1', Artist: 'Somebody' },
      IFD2: { DateTimeOriginal: '2026:11:30 10:00:00' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '40/1 24/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '49/1 52/1 0/1' },
    })
    .toBuffer();
}

type StoredFile = {
  id: number;
  url: string;
  alternativeText: string | null;
  width: number;
  height: number;
  formats: Record<string, { url: string; width: number; height: number; mime: string }>;
};

let app: Core.Strapi;
let token: string;
let photo: StoredFile;
let documentId: string;
let slug: string;
const uploads: number[] = [];

/** Fetches a URL the API handed out, from this app (supertest), by its path: the bytes and type. */
async function fetched(url: string): Promise<{ status: number; type: string; bytes: Buffer }> {
  const response = await api(app)
    .get(new URL(url).pathname)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
  return { status: response.status, type: String(response.headers['content-type']), bytes: response.body as Buffer };
}

beforeAll(async () => {
  app = await startNewsroom();
  token = await editorToken(app, 'photo.editor@newsroom.test');
});
afterAll(async () => {
  if (documentId) await deleteRelease(app, documentId);
  await deleteUploads(app, uploads);
  await stopNewsroom(app);
});

describe('an uploaded photo', () => {
  it('is stored without its location and camera metadata, in every size Strapi makes', async () => {
    const original = await cameraPhoto();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const file = { name: 'handshake.jpg', type: 'image/jpeg', content: original };
    const response = await uploadAsAdmin(app, token, [file]);
    expect(response.status).toBe(201);
    photo = response.body[0] as StoredFile;
    uploads.push(photo.id);
    // Strapi's sizes, and beside each responsive one a WebP copy (this photo compresses far better as WebP).
    expect(Object.keys(photo.formats).sort()).toEqual(ALL_FORMATS);
    expect(photo.formats.large).toMatchObject({ width: 1000, height: 750, mime: 'image/jpeg' });
    expect(photo.formats.large_webp).toMatchObject({ width: 1000, height: 750, mime: 'image/webp' });
    for (const url of [photo.url, ...Object.values(photo.formats).map((format) => format.url)]) {
      const stored = readFileSync(path.join(PROJECT_ROOT, 'public', url));
      const metadata = await sharp(stored).metadata();
      expect({ url, exif: metadata.exif, xmp: metadata.xmp, iptc: metadata.iptc }).toEqual({ url });
      expect(stored.includes(Buffer.from('TestCam'))).toBe(false);
    }
    expect({ width: photo.width, height: photo.height }).toEqual({ width: 1600, height: 1200 });
  });
});

describe('a release with that photo as its cover', () => {
  beforeAll(async () => {
    documentId = (await createRelease(app, { headline: `${TAG} фото министров`, publish: false })).documentId;
    await app.documents(PRESS_RELEASE_UID).update({
      documentId,
      locale: 'ru',
      status: 'draft',
      data: { cover: photo.id, reviewStage: 'approved' } as never,
    });
  });

  it('is not published while the photo has no alternative text: a 400 that says why, and nothing public', async () => {
    const publish = await api(app)
      .post(`/content-manager/collection-types/${PRESS_RELEASE_UID}/${documentId}/actions/publish?locale=ru`)
      .set('authorization', `Bearer ${token}`)
      .send({});
    expect(publish.status).toBe(400);
    expect(publish.body.error.message).toMatch(/cover photo "handshake\.jpg" has no alternative text/);
    expect((await api(app).get(`/api/press-releases/${documentId}?locale=ru`)).status).toBe(404);
    expect(
      await app.db.query(PRESS_RELEASE_UID).count({ where: { documentId, publishedAt: { $notNull: true } } }),
    ).toBe(0);
  });

  it('is published once the photo is described in the media library', async () => {
    const described = await api(app)
      .post(`/upload?id=${photo.id}`)
      .set('authorization', `Bearer ${token}`)
      .field('fileInfo', JSON.stringify({ name: 'handshake.jpg', alternativeText: ALT }));
    expect(described.status).toBe(200);
    const publish = await api(app)
      .post(`/content-manager/collection-types/${PRESS_RELEASE_UID}/${documentId}/actions/publish?locale=ru`)
      .set('authorization', `Bearer ${token}`)
      .send({});
    expect(publish.status).toBe(200);
    const rest = await api(app).get(`/api/press-releases/${documentId}?locale=ru`);
    expect(rest.status).toBe(200);
    slug = rest.body.data.slug;
    expect(rest.body.data.cover).toMatchObject({
      url: photo.url,
      alternativeText: ALT,
      width: 1600,
      height: 1200,
      formats: { large: { url: photo.formats.large.url, width: 1000, height: 750 } },
    });
  });

  it('is in GraphQL with its sizes', async () => {
    const res = await graphql(
      app,
      `{ pressRelease(documentId: "${documentId}", locale: "ru") ` +
        '{ cover { url alternativeText width height formats } } }',
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.pressRelease.cover).toMatchObject({
      url: photo.url,
      alternativeText: ALT,
      width: 1600,
      formats: { small: { width: 500, height: 375 } },
    });
  });

  it('is a schema.org ImageObject with its size in JSON-LD', async () => {
    const res = await api(app).get(`/api/press-releases/${documentId}/jsonld?locale=ru`);
    expect(res.status).toBe(200);
    expect(res.body.image).toMatchObject({
      '@type': 'ImageObject',
      url: expect.stringMatching(new RegExp(`^https?://[^/]+${photo.url}$`)),
      width: 1600,
      height: 1200,
      encodingFormat: 'image/jpeg',
      description: ALT,
    });
    expect((await fetched(res.body.image.url)).status).toBe(200);
    expect(res.body.thumbnailUrl).toMatch(new RegExp(`${photo.formats.thumbnail.url}$`));
  });

  it('is an associated picture with every rendition in ninjs, valid against the ninjs 3.1 schema', async () => {
    const res = await api(app).get(`/api/press-releases/${documentId}/ninjs?locale=ru`);
    expect(res.status).toBe(200);
    expect(validateNinjs(res.body)).toBe(true);
    const [cover] = res.body.associations;
    expect(cover).toMatchObject({ name: 'cover', type: 'picture', descriptions: [{ role: 'alt', value: ALT }] });
    expect(cover.renditions.map((r: { name: string; width: number }) => [r.name, r.width])).toEqual([
      ['thumbnail', 208],
      ['small', 500],
      ['small_webp', 500],
      ['medium', 750],
      ['medium_webp', 750],
      ['large', 1000],
      ['large_webp', 1000],
      ['original', 1600],
    ]);
    for (const rendition of cover.renditions as { href: string; contentType: string; sizeInBytes?: number }[]) {
      const file = await fetched(rendition.href);
      expect({ status: file.status, type: file.type, bytes: file.bytes.length }).toEqual({
        status: 200,
        type: rendition.contentType,
        // Strapi keeps the original's size only in rounded kilobytes, so ninjs leaves it out there.
        bytes: rendition.sizeInBytes ?? file.bytes.length,
      });
    }
    expect(cover.renditions.filter((r: { sizeInBytes?: number }) => r.sizeInBytes === undefined)).toEqual([
      expect.objectContaining({ name: 'original' }),
    ]);
  });

  it('is the enclosure of RSS and Atom and the image of JSON Feed, its alternative text in the content', async () => {
    const large = photo.formats.large;
    const rss = await new Parser().parseString((await api(app).get('/feeds/ru/rss.xml')).text);
    const rssItem = rss.items.find((item) => item.title === `${TAG} фото министров`);
    expect(rssItem?.enclosure).toMatchObject({ url: expect.stringMatching(new RegExp(`${large.url}$`)) });
    expect(rssItem?.enclosure?.type).toBe('image/jpeg');
    expect(Number(rssItem?.enclosure?.length)).toBe((await fetched(rssItem!.enclosure!.url)).bytes.length);
    expect(rssItem?.['content:encoded']).toContain(`alt="${ALT}"`);

    const atom = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(
      (await api(app).get('/feeds/ru/atom.xml')).text,
    );
    const entry = [atom.feed.entry]
      .flat()
      .find((e: { title: { '#text': string } }) => e.title['#text'] === `${TAG} фото министров`);
    const links = [entry.link].flat() as Record<string, string>[];
    expect(links).toContainEqual(
      expect.objectContaining({ '@rel': 'enclosure', '@type': 'image/jpeg', '@href': rssItem?.enclosure?.url }),
    );
    expect(links).toContainEqual(expect.objectContaining({ '@href': expect.stringContaining(slug) }));

    const json = JSON.parse((await api(app).get('/feeds/ru/feed.json')).text);
    const item = json.items.find((i: { title: string }) => i.title === `${TAG} фото министров`);
    expect(item.image).toBe(rssItem?.enclosure?.url);
    expect(item.content_html).toContain(`alt="${ALT}"`);
    expect((await fetched(item.image)).type).toBe('image/jpeg');
  });
});

describe('deleting a release', () => {
  type FileRow = { id: number; url: string; formats: Record<string, { url: string }> | null };
  const stored = async (id: number) =>
    (await app.db.query('plugin::upload.file').findOne({ where: { id } })) as FileRow | null;
  const onDisk = (file: FileRow) =>
    [file.url, ...Object.values(file.formats ?? {}).map((format) => format.url)].map((url) =>
      existsSync(path.join(PROJECT_ROOT, 'public', url)),
    );

  it('deletes the files only it used, and keeps one another release still shows', async () => {
    const own = await makeUploadedImage(app, `${TAG}-own.png`);
    const shared = await makeUploadedImage(app, `${TAG}-shared.png`);
    const inBody = await makeUploadedImage(app, `${TAG}-in-body.png`);
    uploads.push(own, shared, inBody);
    // An image block holds the file's own fields, as the admin panel's blocks editor writes them.
    const imageBlock = async (id: number) => ({
      type: 'image',
      image: await app.db.query('plugin::upload.file').findOne({ where: { id } }),
      children: [{ type: 'text', text: '' }],
    });
    const first = (await createRelease(app, { headline: `${TAG} удаляемый`, publish: false })).documentId;
    const second = (await createRelease(app, { headline: `${TAG} остающийся`, publish: false })).documentId;
    for (const [releaseId, data] of [
      [first, { cover: own, seo: { metaTitle: 'SEO', image: shared }, body: [await imageBlock(inBody)] }],
      [second, { cover: shared, body: [await imageBlock(shared)] }],
    ] as const) {
      await app.documents(PRESS_RELEASE_UID).update({ documentId: releaseId, locale: 'ru', data: data as never });
      await app.documents(PRESS_RELEASE_UID).publish({ documentId: releaseId, locale: 'ru' });
    }
    // A picture in the body reaches HTML bodies with an absolute URL (a ninjs or feed reader has no base).
    const ninjs = await api(app).get(`/api/press-releases/${first}/ninjs?locale=ru`);
    const inBodyUrl = (await stored(inBody))!.url;
    expect(ninjs.body.bodies[0].value).toMatch(new RegExp(`<img src="https?://[^"/]+${inBodyUrl}" alt="[^"]+"`));
    const ownFile = (await stored(own))!;
    expect(onDisk(ownFile)).toEqual([true]);

    const deleted = await api(app)
      .delete(`/content-manager/collection-types/${PRESS_RELEASE_UID}/${first}?locale=ru`)
      .set('authorization', `Bearer ${token}`);
    expect(deleted.status).toBe(200);
    expect(await stored(own)).toBeNull();
    expect(await stored(inBody)).toBeNull();
    expect(onDisk(ownFile)).toEqual([false]);
    expect(await stored(shared)).not.toBeNull();
    expect((await api(app).get(`/api/press-releases/${second}?locale=ru`)).body.data.cover.id).toBe(shared);

    // Shown only by the second release's body now: still used.
    await app.documents(PRESS_RELEASE_UID).update({ documentId: second, locale: 'ru', data: { cover: null } as never });
    await app.documents(PRESS_RELEASE_UID).publish({ documentId: second, locale: 'ru' });
    expect(await stored(shared)).not.toBeNull();
    await deleteRelease(app, second);
    expect(await stored(shared)).toBeNull();
  });
});
