/**
 * Photo rights that travel (issue 28): a photo uploaded with its location, camera data and its rights (IPTC Core in
 * XMP, and the older IPTC-IIM record) is stored, in every rendition Strapi makes and every WebP copy, with its rights
 * and nothing else. Each stored file is read back by ExifTool (exiftool-vendored), the reference reader, not by the
 * library the app writes with. The rights are fields of the media entry, and a release whose cover it is carries
 * them in REST, JSON-LD, ninjs (valid against the schema) and NewsML-G2 (valid against the schema).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { ExifTool, type Tags, type WriteTags } from 'exiftool-vendored';
import sharp from 'sharp';
import { api, PROJECT_ROOT, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { createRelease, deleteRelease, PRESS_RELEASE_UID } from '../helpers/content';
import { validateNinjs } from '../helpers/ninjs-schema';
import { newsmlSchemaErrors } from '../helpers/newsml-schema';
import { ALL_FORMATS, deleteUploads, makeImage, makePdf, uploadAsAdmin } from '../helpers/media';
import { editorToken, tokenWithOnly } from '../helpers/editor';

const exiftool = new ExifTool({ maxProcs: 1 });
const work = mkdtempSync(path.join(os.tmpdir(), 'newsroom-rights-'));

const RIGHTS = {
  creator: 'Амина Отиено',
  credit: 'Пресс-служба / Amina Otieno',
  copyright: '© 2026 Press office, all rights reserved',
  licence: 'https://press.example/licence',
  source: 'Press office',
};

/** What a camera and an editing application leave in a photo, beside its rights. */
const PRIVATE: WriteTags = {
  GPSLatitude: 1.2921,
  GPSLatitudeRef: 'S',
  GPSLongitude: 36.8219,
  GPSLongitudeRef: 'E',
  Make: 'TestCam',
  Model: 'Newsroom X1',
  SerialNumber: 'SN-0042',
  LensModel: 'Test 24-70mm',
  Software: 'Test Editor 1.0',
  DateTimeOriginal: '2026:11:30 10:00:00',
};
const PRIVATE_TAGS = ['GPSLatitude', 'GPSLongitude', 'GPSPosition', 'Make', 'Model', 'SerialNumber', 'LensModel'];

/** A 1600×1200 camera photo written by ExifTool with the tags given. */
async function photoWith(name: string, tags: WriteTags): Promise<Buffer> {
  const file = path.join(work, name);
  writeFileSync(
    file,
    await sharp({ create: { width: 1600, height: 1200, channels: 3, background: { r: 20, g: 90, b: 160 } } })
      .jpeg({ quality: 85 })
      .toBuffer(),
  );
  await exiftool.write(file, { ...PRIVATE, ...tags }, { writeArgs: ['-overwrite_original'] });
  return readFileSync(file);
}

type StoredFile = { id: number; url: string; formats: Record<string, { url: string }> } & Record<string, unknown>;

let app: Core.Strapi;
let token: string;
const uploads: number[] = [];
let withRights: StoredFile;
let documentId: string | undefined;

async function upload(name: string, content: Buffer): Promise<StoredFile> {
  const response = await uploadAsAdmin(app, token, [{ name, type: 'image/jpeg', content }]);
  expect(response.status).toBe(201);
  const stored = response.body[0] as StoredFile;
  uploads.push(stored.id);
  return stored;
}

/** Every stored file of an upload (the original, Strapi's sizes, the WebP copies), as ExifTool reads it. */
async function readBack(stored: StoredFile): Promise<{ name: string; tags: Tags }[]> {
  const urls = [['original', stored.url], ...Object.entries(stored.formats).map(([name, f]) => [name, f.url])];
  const read = [];
  for (const [name, url] of urls) {
    const file = path.join(work, `read-${name}-${path.basename(url)}`);
    writeFileSync(file, readFileSync(path.join(PROJECT_ROOT, 'public', url)));
    read.push({ name, tags: await exiftool.read(file) });
  }
  return read;
}

const rightsOf = (tags: Tags) => {
  const values = tags as Record<string, unknown>;
  return {
    creator: values.Creator,
    credit: values.Credit,
    copyright: values.Rights,
    licence: values.WebStatement,
    source: values.Source,
  };
};

beforeAll(async () => {
  app = await startNewsroom();
  token = await editorToken(app, 'rights.editor@newsroom.test');
});
afterAll(async () => {
  if (documentId) await deleteRelease(app, documentId);
  await deleteUploads(app, uploads);
  await stopNewsroom(app);
  await exiftool.end();
});

describe('an uploaded photo with its rights', () => {
  it('keeps creator, credit, copyright notice, licence URL and source in every rendition, nothing else', async () => {
    const original = await photoWith('rights.jpg', {
      'XMP-dc:Creator': [RIGHTS.creator],
      'XMP-photoshop:Credit': RIGHTS.credit,
      'XMP-dc:Rights': RIGHTS.copyright,
      'XMP-xmpRights:WebStatement': RIGHTS.licence,
      'XMP-photoshop:Source': RIGHTS.source,
    } as WriteTags);
    // The photo as uploaded carries all of it: the check below could fail.
    const before = await exiftool.read(path.join(work, 'rights.jpg'));
    expect(before).toMatchObject({ Make: 'TestCam', SerialNumber: 'SN-0042', GPSLatitude: expect.any(Number) });
    expect(original.length).toBeGreaterThan(0);

    const stored = await upload('rights.jpg', original);
    withRights = stored;
    expect(stored).toMatchObject({
      creator: RIGHTS.creator,
      creditLine: RIGHTS.credit,
      copyrightNotice: RIGHTS.copyright,
      licenseUrl: RIGHTS.licence,
    });
    expect(Object.keys(stored.formats).sort()).toEqual(ALL_FORMATS);
    const files = await readBack(stored);
    expect(files).toHaveLength(1 + ALL_FORMATS.length);
    for (const { name, tags } of files) {
      expect({ name, ...rightsOf(tags) }).toEqual({ name, ...RIGHTS, creator: [RIGHTS.creator] });
      const left = PRIVATE_TAGS.filter((tag) => (tags as Record<string, unknown>)[tag] !== undefined);
      expect({ name, left }).toEqual({ name, left: [] });
      expect({ name, software: tags.Software, taken: tags.DateTimeOriginal }).toEqual({ name });
    }
  });

  it('takes the rights of the older IPTC-IIM record when the photo has no XMP, and writes them as XMP', async () => {
    const original = await photoWith('iim.jpg', {
      'IPTC:By-line': ['Amina Otieno'],
      'IPTC:Credit': 'Press office / Amina Otieno',
      'IPTC:CopyrightNotice': '© 2026 Press office',
      'IPTC:Source': 'Press office',
      'IPTC:CodedCharacterSet': 'UTF8',
    } as WriteTags);
    const stored = await upload('iim.jpg', original);
    for (const { name, tags } of await readBack(stored)) {
      expect({ name, ...rightsOf(tags) }).toEqual({
        name,
        creator: ['Amina Otieno'],
        credit: 'Press office / Amina Otieno',
        copyright: '© 2026 Press office',
        licence: undefined,
        source: 'Press office',
      });
      expect({ name, make: tags.Make, gps: tags.GPSLatitude }).toEqual({ name });
    }
  });

  it('takes the rights of the new file when it is replaced, and none when the new file has none', async () => {
    const stored = await upload(
      'replaced.jpg',
      await photoWith('replaced.jpg', { 'XMP-dc:Creator': ['First'] } as WriteTags),
    );
    expect(stored.creator).toBe('First');
    const replace = async (tags: WriteTags) =>
      api(app)
        .post(`/upload/files/${stored.id}/replace`)
        .set('authorization', `Bearer ${token}`)
        .attach('files', await photoWith('replaced.jpg', tags), {
          filename: 'replaced.jpg',
          contentType: 'image/jpeg',
        });
    const second = await replace({ 'XMP-photoshop:Credit': 'Second' } as WriteTags);
    expect(second.status).toBe(200);
    const fields = () =>
      app.db.query('plugin::upload.file').findOne({
        where: { id: stored.id },
        select: ['creator', 'creditLine', 'copyrightNotice', 'licenseUrl'],
      });
    expect(await fields()).toEqual({ creator: null, creditLine: 'Second', copyrightNotice: null, licenseUrl: null });
    expect((await replace({})).status).toBe(200);
    expect(await fields()).toEqual({ creator: null, creditLine: null, copyrightNotice: null, licenseUrl: null });
  });

  it('is stored without any metadata when it carries no rights', async () => {
    const stored = await upload('plain.jpg', await photoWith('plain.jpg', {}));
    for (const { name, tags } of await readBack(stored)) {
      const values = tags as Record<string, unknown>;
      const embedded = ['Creator', 'Credit', 'Rights', 'Make', 'GPSLatitude', 'XMPToolkit'].filter(
        (tag) => values[tag] !== undefined,
      );
      expect({ name, embedded }).toEqual({ name, embedded: [] });
    }
  });
});

describe('a release with that photo as its cover', () => {
  beforeAll(async () => {
    await app.db
      .query('plugin::upload.file')
      .update({ where: { id: withRights.id }, data: { alternativeText: 'Синий прямоугольник' } });
    ({ documentId } = await createRelease(app, { headline: 'Zzrights Фото с правами', publish: false }));
    await app
      .documents(PRESS_RELEASE_UID)
      .update({ documentId, locale: 'ru', data: { cover: withRights.id } as never });
    await app.documents(PRESS_RELEASE_UID).publish({ documentId, locale: 'ru' });
  });

  it('carries its rights in REST, JSON-LD, ninjs, NewsML-G2, the feeds and on the reader page', async () => {
    const rest = await api(app).get(`/api/press-releases/${documentId}`).query({ locale: 'ru' });
    expect(rest.body.data.cover).toMatchObject({
      creator: RIGHTS.creator,
      creditLine: RIGHTS.credit,
      copyrightNotice: RIGHTS.copyright,
      licenseUrl: RIGHTS.licence,
    });

    const jsonld = await api(app).get(`/api/press-releases/${documentId}/jsonld`).query({ locale: 'ru' });
    expect(jsonld.body.image).toMatchObject({
      creator: { '@type': 'Person', name: RIGHTS.creator },
      creditText: RIGHTS.credit,
      copyrightNotice: RIGHTS.copyright,
      license: RIGHTS.licence,
      acquireLicensePage: RIGHTS.licence,
    });

    const ninjs = (await api(app).get(`/api/press-releases/${documentId}/ninjs`).query({ locale: 'ru' })).body;
    expect(validateNinjs(ninjs)).toBe(true);
    const picture = (ninjs.associations as { rel?: string }[]).find((association) => association.rel === 'cover');
    expect(picture).toMatchObject({
      by: RIGHTS.creator,
      copyrightNotice: RIGHTS.copyright,
      infoSources: [{ name: RIGHTS.credit, role: 'credit' }],
    });
    expect(JSON.stringify(picture)).toContain(RIGHTS.licence);

    // The reader page shows the credit under the photo.
    const slug = rest.body.data.slug as string;
    const page = (await api(app).get(`/ru/press-releases/${slug}`)).text;
    expect(page).toContain(`<figcaption class="credit">${RIGHTS.credit} · ${RIGHTS.copyright}</figcaption>`);

    // The feeds show it under the cover in each item's content.
    for (const feed of ['rss.xml', 'atom.xml', 'feed.json']) {
      const text = (await api(app).get(`/feeds/ru/${feed}`).buffer(true)).text;
      const credit = feed === 'feed.json' ? `<figcaption>${RIGHTS.credit}` : `&lt;figcaption&gt;${RIGHTS.credit}`;
      expect({ feed, credit: text.includes(credit) || text.includes(`<figcaption>${RIGHTS.credit}`) }).toEqual({
        feed,
        credit: true,
      });
    }

    const newsml = (await api(app).get('/feeds/ru/newsml.xml').buffer(true)).text;
    expect(newsmlSchemaErrors(newsml)).toBe('');
    expect(newsml).toContain(`<creator><name>${RIGHTS.creator}</name></creator>`);
    expect(newsml).toContain(`<creditline>${RIGHTS.credit}</creditline>`);
    expect(newsml).toContain(RIGHTS.copyright);
  });
});

describe("an editor corrects a photo's rights in the media library", () => {
  const edit = (id: number, body: unknown, as = token) =>
    api(app)
      .put(`/newsroom/photo-rights/${id}`)
      .set('authorization', `Bearer ${as}`)
      .send(body as object);

  /** Every stored file's pixels, decoded: an edit of the rights must leave them as they were. */
  const pixelsOf = async (stored: StoredFile) => {
    const urls = [stored.url, ...Object.values(stored.formats).map((format) => format.url)];
    const decoded = await Promise.all(
      urls.map((url) =>
        sharp(readFileSync(path.join(PROJECT_ROOT, 'public', url)))
          .raw()
          .toBuffer(),
      ),
    );
    // Digests: Jest compares buffers byte by byte, slowly.
    return decoded.map((pixels) => createHash('sha256').update(pixels).digest('hex'));
  };

  it('writes the edit into the original and every rendition, pixels untouched, and keeps the source', async () => {
    const stored = await upload(
      'corrected.jpg',
      await photoWith('corrected.jpg', {
        'XMP-dc:Creator': ['Wrong Name'],
        'XMP-photoshop:Credit': 'Wrong credit',
        'XMP-xmpRights:WebStatement': RIGHTS.licence,
        'XMP-photoshop:Source': RIGHTS.source,
      } as WriteTags),
    );
    const before = await pixelsOf(stored);
    const response = await edit(stored.id, {
      creator: 'Амина Отиено; Jane Doe',
      creditLine: 'Пресс-служба',
      copyrightNotice: '© 2026 Пресс-служба',
      licenseUrl: '',
    });
    expect(response.status).toBe(200);
    expect(response.body.data).toMatchObject({
      id: stored.id,
      creator: 'Амина Отиено, Jane Doe',
      creditLine: 'Пресс-служба',
      copyrightNotice: '© 2026 Пресс-служба',
      licenseUrl: null,
    });
    for (const { name, tags } of await readBack(stored)) {
      expect({ name, ...rightsOf(tags) }).toEqual({
        name,
        creator: ['Амина Отиено', 'Jane Doe'],
        credit: 'Пресс-служба',
        copyright: '© 2026 Пресс-служба',
        licence: undefined,
        source: RIGHTS.source,
      });
    }
    expect(await pixelsOf(stored)).toEqual(before);

    // A second edit of one field leaves the others, and the list of creators, as they are.
    expect((await edit(stored.id, { creditLine: 'Press office' })).status).toBe(200);
    for (const { name, tags } of await readBack(stored)) {
      expect({ name, creator: rightsOf(tags).creator, credit: rightsOf(tags).credit }).toEqual({
        name,
        creator: ['Амина Отиено', 'Jane Doe'],
        credit: 'Press office',
      });
    }
  });

  it.each(['png', 'webp'] as const)(
    'keeps the rights a %s file comes with, and writes an edit into it and its renditions without re-encoding',
    async (format) => {
      const original = path.join(work, `rights-edit.${format}`);
      writeFileSync(original, await makeImage(format, 1200, 900));
      await exiftool.write(
        original,
        { 'XMP-dc:Creator': ['Original Name'], 'XMP-photoshop:Credit': 'Original credit' } as WriteTags,
        {
          writeArgs: ['-overwrite_original'],
        },
      );
      const response = await uploadAsAdmin(app, token, [
        { name: `rights-edit.${format}`, type: `image/${format}`, content: readFileSync(original) },
      ]);
      expect(response.status).toBe(201);
      const stored = response.body[0] as StoredFile;
      uploads.push(stored.id);
      expect(stored).toMatchObject({ creator: 'Original Name', creditLine: 'Original credit' });
      for (const { name, tags } of await readBack(stored)) {
        expect({ name, creator: rightsOf(tags).creator }).toEqual({ name, creator: ['Original Name'] });
      }
      const before = await pixelsOf(stored);
      expect((await edit(stored.id, { creator: 'Jane Doe', creditLine: 'Press office' })).status).toBe(200);
      const files = await readBack(stored);
      expect(files.length).toBeGreaterThan(1);
      for (const { name, tags } of files) {
        expect({ name, creator: rightsOf(tags).creator, credit: rightsOf(tags).credit }).toEqual({
          name,
          creator: ['Jane Doe'],
          credit: 'Press office',
        });
      }
      expect(await pixelsOf(stored)).toEqual(before);
    },
  );

  it('refuses a wrong edit with a 400 that says why, and changes nothing', async () => {
    const stored = await upload('kept.jpg', await photoWith('kept.jpg', { 'XMP-dc:Creator': ['Kept'] } as WriteTags));
    const onDisk = () => readFileSync(path.join(PROJECT_ROOT, 'public', stored.url));
    const bytes = onDisk();
    const refusals: [unknown, string][] = [
      [{ licenseUrl: 'ftp://press.example/licence' }, 'licenseUrl'],
      [{ creditLine: 'x'.repeat(256) }, 'creditLine: at most 255 characters'],
      [{ credit: 'A field that does not exist' }, 'credit'],
      [{ creator: 42 }, 'creator'],
    ];
    for (const [body, message] of refusals) {
      const response = await edit(stored.id, body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
      expect(response.body.error.message).toContain(message);
    }
    expect(onDisk().equals(bytes)).toBe(true);
    expect((await edit(999_999_999, { creator: 'Nobody' })).status).toBe(404);
    const pdf = await uploadAsAdmin(app, token, [{ name: 'kit.pdf', type: 'application/pdf', content: makePdf() }]);
    uploads.push(pdf.body[0].id as number);
    const notAPhoto = await edit(pdf.body[0].id as number, { creator: 'Nobody' });
    expect(notAPhoto.status).toBe(400);
    expect(notAPhoto.body.error.message).toContain('only JPEG, PNG and WebP');
  });

  it("asks the media library's own update permission: one who may only look is refused, as is no log-in", async () => {
    const viewer = await tokenWithOnly(app, 'rights.viewer@newsroom.test', ['plugin::upload.read']);
    const response = await edit(withRights.id, { creditLine: 'Taken over' }, viewer);
    expect(response.status).toBe(403);
    expect((await edit(withRights.id, { creditLine: 'Taken over' }, 'not-a-token')).status).toBe(401);
    const row = await app.db.query('plugin::upload.file').findOne({ where: { id: withRights.id } });
    expect(row.creditLine).toBe(RIGHTS.credit);
  });
});

describe('a corrected credit on a published cover', () => {
  it('shows at once in REST and JSON-LD', async () => {
    expect(
      (
        await api(app)
          .put(`/newsroom/photo-rights/${withRights.id}`)
          .set('authorization', `Bearer ${token}`)
          .send({ creditLine: 'Corrected credit' })
      ).status,
    ).toBe(200);
    const rest = await api(app).get(`/api/press-releases/${documentId}`).query({ locale: 'ru' });
    expect(rest.body.data.cover).toMatchObject({ creator: RIGHTS.creator, creditLine: 'Corrected credit' });
    const jsonld = await api(app).get(`/api/press-releases/${documentId}/jsonld`).query({ locale: 'ru' });
    expect(jsonld.body.image).toMatchObject({ creditText: 'Corrected credit' });
  });
});
