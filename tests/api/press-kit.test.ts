/**
 * Press kits (issue 28): GET /api/press-releases/:documentId/press-kit.zip. A release in two locales with ten photos
 * (a cover and nine pictures in its body): the zip is read back by a real zip reader (yauzl), every entry checked
 * (NewsML-G2 against the 2.35 schema, ninjs against the 3.1 schema, each photo byte for byte the stored original, the
 * manifest naming every file), its length known before its bytes, its ETag its version's (304), and nothing of a
 * draft or an embargoed release.
 */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import sharp from 'sharp';
import { api, PROJECT_ROOT, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { createRelease, deleteRelease, PRESS_RELEASE_UID } from '../helpers/content';
import { deleteUploads } from '../helpers/media';
import { newsmlSchemaErrors } from '../helpers/newsml-schema';
import { validateNinjs } from '../helpers/ninjs-schema';
import { unzip, wholeBody } from '../helpers/zip';
import { paragraphsToBlocks } from '../../src/platform/content-model/paragraph-blocks';

const HEADLINE = { ru: 'Zzkit Пресс-кит с десятью фотографиями', en: 'Zzkit A press kit with ten photos' };
const PHOTOS = 10;

let app: Core.Strapi;
let documentId: string;
const releases: string[] = [];
const uploads: number[] = [];

type Stored = { id: number; url: string; name: string; mime: string; width: number; height: number };

/** A camera-sized JPEG (noise, so that it does not compress to nothing), stored through the upload service. */
async function storedPhoto(index: number): Promise<Stored> {
  const name = `zzkit-${index}.jpg`;
  const filepath = path.join(mkdtempSync(path.join(os.tmpdir(), 'newsroom-kit-')), name);
  const noise = { type: 'gaussian' as const, mean: 128, sigma: 40 };
  writeFileSync(
    filepath,
    await sharp({ create: { width: 1200, height: 800, channels: 3, noise, background: { r: 0, g: 0, b: 0 } } })
      .jpeg()
      .toBuffer(),
  );
  const service = app.plugin('upload').service('upload') as { upload(args: unknown): Promise<Stored[]> };
  const [file] = await service.upload({
    data: { fileInfo: { name, alternativeText: `Фото ${index}` } },
    files: { filepath, originalFilename: name, mimetype: 'image/jpeg', size: statSync(filepath).size },
  });
  uploads.push(file.id);
  return file;
}

const kit = (id: string, headers: Record<string, string> = {}) =>
  api(app).get(`/api/press-releases/${id}/press-kit.zip`).set(headers).buffer(true).parse(wholeBody);

beforeAll(async () => {
  app = await startNewsroom();
  const photos: Stored[] = [];
  for (let index = 1; index <= PHOTOS; index += 1) photos.push(await storedPhoto(index));
  await app.db.query('plugin::upload.file').update({
    where: { id: photos[0].id },
    data: {
      creator: 'Amina Otieno',
      creditLine: 'Press office / Amina Otieno',
      copyrightNotice: '© 2026 Press office',
    },
  });
  ({ documentId } = await createRelease(app, { headline: HEADLINE.ru, paragraphs: ['Первый абзац.'], publish: false }));
  releases.push(documentId);
  const body = [
    ...paragraphsToBlocks(['Первый абзац.']),
    ...photos.slice(1).map((photo) => ({ type: 'image', image: photo, children: [{ type: 'text', text: '' }] })),
  ];
  await app.documents(PRESS_RELEASE_UID).update({
    documentId,
    locale: 'ru',
    data: { cover: photos[0].id, body } as never,
  });
  await app.documents(PRESS_RELEASE_UID).publish({ documentId, locale: 'ru' });
  await app.documents(PRESS_RELEASE_UID).update({
    documentId,
    locale: 'en',
    data: { headline: HEADLINE.en, body: paragraphsToBlocks(['First paragraph.']) } as never,
  });
  await app.documents(PRESS_RELEASE_UID).publish({ documentId, locale: 'en' });
}, 120_000);

afterAll(async () => {
  for (const id of releases) await deleteRelease(app, id);
  await deleteUploads(app, uploads);
  await stopNewsroom(app);
});

describe('a press kit', () => {
  it('is a zip of its known length: every locale in four formats, the photos as stored, a manifest', async () => {
    const started = process.hrtime.bigint();
    const res = await kit(documentId);
    const took = Number(process.hrtime.bigint() - started) / 1e6;
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename=".+-press-kit\.zip"$/);
    const bytes = res.body as Buffer;
    expect(Number(res.headers['content-length'])).toBe(bytes.length);
    console.log(`press kit with ${PHOTOS} photos in two locales: ${bytes.length} bytes in ${took.toFixed(0)} ms`);

    const entries = await unzip(bytes);
    const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8'));
    expect(manifest.locales.map((locale: { locale: string }) => locale.locale).sort()).toEqual(['en', 'ru']);
    expect(manifest.photos).toHaveLength(PHOTOS);
    const named = [
      'manifest.json',
      ...manifest.locales.flatMap((locale: { files: string[] }) => locale.files),
      ...manifest.photos.map((photo: { file: string }) => photo.file),
    ];
    expect([...entries.keys()].sort()).toEqual([...new Set(named)].sort());

    for (const locale of manifest.locales as { locale: 'ru' | 'en'; files: string[] }[]) {
      const [text, html, newsml, ninjs] = locale.files.map((file) => entries.get(file)!.toString('utf8'));
      expect(text).toContain(HEADLINE[locale.locale]);
      expect(html).toContain(`<h1>${HEADLINE[locale.locale]}</h1>`);
      expect(newsmlSchemaErrors(newsml)).toBe('');
      expect(newsml).toContain(HEADLINE[locale.locale]);
      const document = JSON.parse(ninjs);
      expect(validateNinjs(document)).toBe(true);
      expect(document.headlines[0].value).toBe(HEADLINE[locale.locale]);
    }
    expect(
      entries.get(manifest.locales.find((l: { locale: string }) => l.locale === 'ru').files[0])!.toString(),
    ).toContain('Photo: Press office / Amina Otieno · © 2026 Press office');
    for (const photo of manifest.photos as { file: string; url: string }[]) {
      const stored = readFileSync(path.join(PROJECT_ROOT, 'public', new URL(photo.url).pathname));
      expect({ file: photo.file, same: entries.get(photo.file)!.equals(stored) }).toEqual({
        file: photo.file,
        same: true,
      });
    }
    expect(manifest.photos[0]).toMatchObject({ creator: 'Amina Otieno', copyrightNotice: '© 2026 Press office' });
  });

  it('is cached by its version: the same ETag answers 304, a change gives a new one', async () => {
    const first = await kit(documentId);
    expect(first.headers['cache-control']).toMatch(/^public, max-age=/);
    const etag = String(first.headers.etag);
    expect((await kit(documentId, { 'If-None-Match': etag })).status).toBe(304);
    expect(String((await kit(documentId)).headers.etag)).toBe(etag);
    await app.documents(PRESS_RELEASE_UID).update({
      documentId,
      locale: 'en',
      data: { headline: `${HEADLINE.en} (updated)` } as never,
    });
    await app.documents(PRESS_RELEASE_UID).publish({ documentId, locale: 'en' });
    const changed = await kit(documentId, { 'If-None-Match': etag });
    expect(changed.status).toBe(200);
    expect(String(changed.headers.etag)).not.toBe(etag);
  });

  it('is 404 for a draft or an embargoed release, and 400 for an unknown locale', async () => {
    const draft = await createRelease(app, { headline: 'Zzkit черновик', publish: false });
    releases.push(draft.documentId);
    const embargoed = await app.documents(PRESS_RELEASE_UID).create({
      locale: 'ru',
      status: 'draft',
      data: {
        headline: 'Zzkit эмбарго',
        body: paragraphsToBlocks(['Текст под эмбарго.']),
        embargoUntil: new Date(Date.now() + 24 * 3600 * 1000).toISOString(),
      } as never,
    });
    releases.push(embargoed.documentId);
    await app.documents(PRESS_RELEASE_UID).publish({ documentId: embargoed.documentId, locale: 'ru' });
    for (const id of [draft.documentId, embargoed.documentId, 'nope']) {
      const res = await kit(id);
      expect({ id, status: res.status }).toEqual({ id, status: 404 });
    }
    expect((await api(app).get(`/api/press-releases/${documentId}/press-kit.zip?locale=xx`)).status).toBe(400);
  });
});
