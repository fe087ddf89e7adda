/**
 * Tracing and revocation of press access: the files of a release under embargo reach a journalist only by links
 * signed for them, which stop working when their accreditation or the grant goes; the files' public URLs answer 404
 * until the lift; every read and download is in an append-only access log that an Editor (not an Author) reads per
 * release. Real app, real PostgreSQL, real files uploaded through the upload API, real HTTP.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { api, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { PRESS_RELEASE_UID, createRelease, deleteRelease } from '../helpers/content';
import { editorToken } from '../helpers/editor';
import { accreditationRequest, signedInJournalist, type TestJournalist } from '../helpers/journalists';
import { deleteUploads, makeImage, uploadAsAdmin, UPLOADS_DIR } from '../helpers/media';
import { decideAccreditation } from '../../src/press-access/accreditations';
import { PRESS_ACCESS_LOG } from '../../src/press-access/press-access-log';
import {
  PRESS_FILE_PATH,
  pressLinkKey,
  signPressFileGrant,
  verifyPressFileToken,
} from '../../src/read-side/read-model/press-file-links';
import { settings } from '../../src/platform/settings/newsroom-settings';

const DAY = 24 * 3600 * 1000;
const dayFromNow = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
const bearer = (jwt: string) => ({ Authorization: `Bearer ${jwt}` });

let app: Core.Strapi;
const savedEnv = { ...process.env };
let editor: string;
let author: string;
let granted: TestJournalist;
let other: TestJournalist;
let documentId: string;
let publicDocumentId: string;
const uploadedIds: number[] = [];
type Uploaded = { id: number; url: string; formats: Record<string, { url: string }> };
/** The release's cover, and a picture placed in its body. */
let photo: Uploaded;
let bodyPhoto: Uploaded;

type File = { url: string; formats?: Record<string, { url: string }> | null };
type Shared = { documentId: string; embargoed: boolean; cover: File | null; body: { type: string; image?: File }[] };

const accredit = (who: TestJournalist) =>
  decideAccreditation(app, { email: who.email, status: 'accredited', validUntil: dayFromNow(10), by: 'test' });

async function sharedRelease(who: TestJournalist, id = documentId) {
  return api(app).get(`/api/press/releases/${id}`).query({ locale: 'ru' }).set(bearer(who.jwt));
}

async function coverOf(who: TestJournalist): Promise<File> {
  const res = await sharedRelease(who);
  expect(res.status).toBe(200);
  return (res.body.data as Shared).cover!;
}

/** The public URLs of both pictures and of each of their sizes. */
const publicUrls = () =>
  [photo, bodyPhoto].flatMap((file) => [file.url, ...Object.values(file.formats).map((format) => format.url)]);

const bodyImageOf = (release: Shared): File => release.body.find((block) => block.type === 'image')!.image!;

async function setPress(data: Record<string, unknown>) {
  await app.documents(PRESS_RELEASE_UID).update({ documentId, locale: 'ru', data: data as never });
  await app.documents(PRESS_RELEASE_UID).publish({ documentId, locale: 'ru' });
}

beforeAll(async () => {
  Object.assign(process.env, { PRESS_LINK_SECRET: 'press-tracing-test-secret-0123456789' });
  app = await startNewsroom();
  editor = await editorToken(app, 'tracing-editor@newsroom.test');
  author = await editorToken(app, 'tracing-author@newsroom.test', 'author');
  granted = await signedInJournalist(app, 'tracing-granted');
  other = await signedInJournalist(app, 'tracing-other');
  for (const who of [granted, other]) {
    await api(app).post('/api/press/accreditation').set(bearer(who.jwt)).send(accreditationRequest('Tracing Daily'));
    await accredit(who);
  }
  const picture = await makeImage('jpeg', 1200, 800);
  const uploaded = await uploadAsAdmin(app, editor, [
    { name: 'embargoed-photo.jpg', type: 'image/jpeg', content: picture, alternativeText: 'x' },
    { name: 'embargoed-body.jpg', type: 'image/jpeg', content: picture, alternativeText: 'y' },
  ]);
  expect(uploaded.status).toBe(201);
  [photo, bodyPhoto] = uploaded.body;
  uploadedIds.push(photo.id, bodyPhoto.id);
  expect(Object.keys(photo.formats).length).toBeGreaterThan(1);

  documentId = (await createRelease(app, { headline: 'Zztrace под эмбарго', publish: false })).documentId;
  await setPress({
    cover: photo.id,
    body: [
      { type: 'paragraph', children: [{ type: 'text', text: 'Текст под эмбарго.' }] },
      { type: 'image', image: uploaded.body[1], children: [{ type: 'text', text: '' }] },
    ],
    embargoUntil: new Date(Date.now() + DAY).toISOString(),
    pressAccess: 'selected',
    pressJournalists: [granted.id],
  });
  publicDocumentId = (await createRelease(app, { headline: 'Zztrace публичный' })).documentId;
});

afterAll(async () => {
  for (const id of [documentId, publicDocumentId]) if (id) await deleteRelease(app, id);
  await deleteUploads(app, uploadedIds);
  await stopNewsroom(app);
  process.env = savedEnv;
});

describe('signed download links', () => {
  it('replace every file URL of a release under embargo, and give its journalist the file, private', async () => {
    const cover = await coverOf(granted);
    const links = [cover.url, ...Object.values(cover.formats ?? {}).map((format) => format.url)];
    expect(links).toHaveLength(1 + Object.keys(photo.formats).length);
    for (const link of links) expect(link.startsWith(PRESS_FILE_PATH)).toBe(true);
    expect(JSON.stringify(cover)).not.toContain('/uploads/');

    const res = await api(app).get(cover.url).buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(Buffer.compare(res.body as Buffer, readFileSync(path.join(UPLOADS_DIR, path.basename(photo.url))))).toBe(0);
    // With the journalist's own JWT too; a size of the photo as well.
    expect((await api(app).get(cover.url).set(bearer(granted.jwt))).status).toBe(200);
    const inBody = bodyImageOf((await sharedRelease(granted)).body.data as Shared);
    expect(inBody.url.startsWith(PRESS_FILE_PATH)).toBe(true);
    expect(JSON.stringify((await sharedRelease(granted)).body.data)).not.toContain('/uploads/');
    const placed = await api(app).get(inBody.url).buffer(true);
    expect(placed.status).toBe(200);
    expect(placed.headers['content-length']).toBe(
      String(readFileSync(path.join(UPLOADS_DIR, path.basename(bodyPhoto.url))).length),
    );
    const thumbnail = await api(app).get(cover.formats!.thumbnail.url).buffer(true);
    expect(thumbnail.status).toBe(200);
    const onDisk = readFileSync(path.join(UPLOADS_DIR, path.basename(photo.formats.thumbnail.url)));
    expect(Buffer.compare(thumbnail.body as Buffer, onDisk)).toBe(0);
  });

  it('are different for each journalist and each moment, and carry no public name', async () => {
    const cover = await coverOf(granted);
    const token = cover.url.slice(PRESS_FILE_PATH.length);
    expect(token).not.toContain(path.basename(photo.url, '.jpg'));
    expect(verifyPressFileToken(pressLinkKey(settings()), token)).toMatchObject({
      journalistId: granted.id,
      fileId: photo.id,
      documentId,
      locale: 'ru',
    });
  });

  it('refuse a tampered link, an expired one, and one used with another journalist’s JWT', async () => {
    const cover = await coverOf(granted);
    const token = cover.url.slice(PRESS_FILE_PATH.length);
    const [payload, signature] = token.split('.');
    const flipped = signature.slice(0, 10) + (signature[10] === 'A' ? 'B' : 'A') + signature.slice(11);
    expect((await api(app).get(`${PRESS_FILE_PATH}${payload}.${flipped}`)).status).toBe(403);

    // The same grant for the other journalist, with the first one's signature.
    const grant = verifyPressFileToken(pressLinkKey(settings()), token);
    const forOther = signPressFileGrant(Buffer.from('not the key'), { ...grant, journalistId: other.id });
    const swapped = `${forOther.split('.')[0]}.${signature}`;
    expect((await api(app).get(`${PRESS_FILE_PATH}${swapped}`)).status).toBe(403);

    const expired = signPressFileGrant(pressLinkKey(settings()), {
      ...grant,
      expiresAt: Math.floor(Date.now() / 1000) - 1,
    });
    const late = await api(app).get(`${PRESS_FILE_PATH}${expired}`);
    expect(late.status).toBe(403);
    expect(late.body.error.message).toMatch(/expired/);

    const borrowed = await api(app).get(cover.url).set(bearer(other.jwt));
    expect(borrowed.status).toBe(403);
    expect(borrowed.body.error.message).toMatch(/another journalist/);
    // The other journalist is not granted the release: a link signed for them is refused too.
    const own = signPressFileGrant(pressLinkKey(settings()), { ...grant, journalistId: other.id });
    expect((await api(app).get(`${PRESS_FILE_PATH}${own}`)).status).toBe(404);
    expect((await sharedRelease(other)).status).toBe(404);

    for (const bad of ['x', 'a.b', '%00', `${payload}.`]) {
      expect((await api(app).get(`${PRESS_FILE_PATH}${bad}`)).status).toBe(400);
    }
  });
});

describe('public URLs of an embargoed file', () => {
  it('answer 404, exactly as a name that does not exist, by any path that reaches the file', async () => {
    const missing = await api(app).get('/uploads/no-such-file_0123456789.jpg');
    expect(missing.status).toBe(404);
    for (const url of publicUrls()) {
      const held = await api(app).get(url);
      expect({ url, status: held.status, body: held.text }).toEqual({ url, status: 404, body: missing.text });
      expect(held.headers['cache-control']).toBe('no-store');
      expect(held.headers['content-type']).toBe(missing.headers['content-type']);
    }
    const name = path.basename(photo.url);
    for (const sideways of [`/uploads/./${name}`, `/%75ploads/${name}`, `/uploads/%2E/${name}`]) {
      expect({ sideways, status: (await api(app).get(sideways)).status }).toEqual({ sideways, status: 404 });
    }
  });

  it('leave files no embargoed release shows as they were', async () => {
    const uploaded = await uploadAsAdmin(app, editor, [
      { name: 'free-photo.png', type: 'image/png', content: await makeImage('png') },
    ]);
    uploadedIds.push(uploaded.body[0].id);
    expect((await api(app).get(uploaded.body[0].url)).status).toBe(200);
  });
});

describe('the press access log', () => {
  it('records each read, list, ninjs and download with journalist, outlet, release, locale and address', async () => {
    const [{ max }] = (await app.db.connection(PRESS_ACCESS_LOG).max('id as max')) as { max: number | null }[];
    const since = Number(max ?? 0);
    const cover = await coverOf(granted);
    await api(app).get(`/api/press/releases/${documentId}/ninjs`).query({ locale: 'ru' }).set(bearer(granted.jwt));
    await api(app).get('/api/press/releases').query({ locale: 'ru' }).set(bearer(granted.jwt));
    await api(app).get(cover.url);
    await api(app).get(`${cover.url.slice(0, -2)}xx`); // refused: not recorded
    const rows = (await app.db
      .connection(PRESS_ACCESS_LOG)
      .where('id', '>', since)
      .andWhere({ document_id: documentId })
      .orderBy('id')) as Record<string, unknown>[];
    expect(rows.map((row) => row.what)).toEqual(['read', 'ninjs', 'list', 'file']);
    for (const row of rows) {
      expect(row).toMatchObject({
        journalist_id: granted.id,
        journalist_email: granted.email,
        outlet_name: 'Tracing Daily',
        locale: 'ru',
        before_lift: true,
      });
      expect(row.client_ip).toMatch(/127\.0\.0\.1|::1/);
    }
    expect(rows[3].file_id).toBe(photo.id);
  });

  it('refuses UPDATE, DELETE and TRUNCATE, whoever asks', async () => {
    const log = () => app.db.connection(PRESS_ACCESS_LOG);
    await expect(log().update({ journalist_email: 'someone@else' })).rejects.toThrow(/append-only/);
    await expect(log().where({ document_id: documentId }).delete()).rejects.toThrow(/append-only/);
    await expect(app.db.connection.raw(`TRUNCATE ${PRESS_ACCESS_LOG}`)).rejects.toThrow(/append-only/);
  });

  it('shows an Editor who saw the release before the lift; an Author gets 403, no log-in 401', async () => {
    const path = `/newsroom/press-access/${documentId}`;
    const seen = await api(app).get(path).set(bearer(editor));
    expect(seen.status).toBe(200);
    const entries = seen.body.data as { journalist: { email: string }; what: string; outlet: string }[];
    expect(entries.length).toBeGreaterThanOrEqual(4);
    expect(new Set(entries.map((entry) => entry.journalist.email))).toEqual(new Set([granted.email]));
    expect(entries.map((entry) => entry.what)).toEqual(expect.arrayContaining(['read', 'ninjs', 'list', 'file']));
    expect((await api(app).get(path).set(bearer(author))).status).toBe(403);
    expect((await api(app).get(path)).status).toBe(401);
    expect((await api(app).get('/newsroom/press-access/not-an-id!').set(bearer(editor))).status).toBe(400);
  });
});

describe('revocation', () => {
  it('stops the JWT calls and the signed links at once when the accreditation is revoked', async () => {
    const cover = await coverOf(granted);
    await decideAccreditation(app, { email: granted.email, status: 'revoked', reason: 'Leaked a photo', by: 'test' });
    expect((await api(app).get(cover.url)).status).toBe(403);
    expect((await sharedRelease(granted)).status).toBe(403);
    await accredit(granted);
    expect((await api(app).get(cover.url)).status).toBe(200);
  });

  it('stops them at once when the grant is removed', async () => {
    const cover = await coverOf(granted);
    await setPress({ pressAccess: 'selected', pressJournalists: [] });
    expect((await api(app).get(cover.url)).status).toBe(404);
    expect((await sharedRelease(granted)).status).toBe(404);
    await setPress({ pressAccess: 'selected', pressJournalists: [granted.id] });
    expect((await api(app).get(cover.url)).status).toBe(200);
  });
});

describe('the lift', () => {
  it('opens the public URLs again, and the journalist and the public get them as before', async () => {
    await setPress({ embargoUntil: new Date(Date.now() - 1000).toISOString() });
    for (const url of publicUrls())
      expect({ url, status: (await api(app).get(url)).status }).toEqual({ url, status: 200 });
    const cover = await coverOf(granted);
    expect(cover.url).toBe(photo.url);
    expect(bodyImageOf((await sharedRelease(granted)).body.data as Shared).url).toBe(bodyPhoto.url);
    const publicRead = await api(app).get(`/api/press-releases/${documentId}`).query({ locale: 'ru' });
    expect(publicRead.status).toBe(200);
    expect(publicRead.body.data.cover.url).toBe(photo.url);
    // Seen after the lift: in the log, but not in the Editor's list of who saw it before.
    const before = (await api(app).get(`/newsroom/press-access/${documentId}`).set(bearer(editor))).body.data.length;
    await sharedRelease(granted);
    const after = (await api(app).get(`/newsroom/press-access/${documentId}`).set(bearer(editor))).body.data.length;
    expect(after).toBe(before);
  });
});
