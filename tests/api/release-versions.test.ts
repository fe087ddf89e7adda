import type { Core } from '@strapi/strapi';
import { api, graphql, releaseSitemaps, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { editorToken } from '../helpers/editor';
import { PRESS_RELEASE_UID, deleteRelease } from '../helpers/content';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../helpers/newsroom-app';

const EDITOR_EMAIL = 'versions.editor@newsroom.test';
const OUTSIDER_EMAIL = 'versions.outsider@newsroom.test';
const PASSWORD = 'Outsider-Passw0rd';
const CM = `/content-manager/collection-types/${PRESS_RELEASE_UID}`;
const VERSIONS = '/newsroom/release-versions';

let app: Core.Strapi;
let editor: string;
let outsider: string;
const created: string[] = [];

/** An admin account whose role grants nothing in the Content Manager. */
async function outsiderToken(): Promise<string> {
  const roles = app.service('admin::role');
  const role = ((await roles.findOne({ code: 'versions-outsider' })) ??
    (await roles.create({ name: 'Versions outsider', code: 'versions-outsider', description: 'Nothing' }))) as {
    id: number;
  };
  const users = app.service('admin::user');
  if (!(await users.exists({ email: OUTSIDER_EMAIL }))) {
    await users.create({
      email: OUTSIDER_EMAIL,
      password: PASSWORD,
      firstname: 'Out',
      lastname: 'Sider',
      isActive: true,
      registrationToken: null,
      roles: [role.id],
    });
  }
  const login = await api(app).post('/admin/login').send({ email: OUTSIDER_EMAIL, password: PASSWORD });
  expect(login.status).toBe(200);
  return login.body.data.token as string;
}

const as = (token: string, method: 'get' | 'post' | 'put', path: string) =>
  api(app)[method](path).set('authorization', `Bearer ${token}`);

const paragraph = (text: string) => [{ type: 'paragraph', children: [{ type: 'text', text }] }];

async function createAsEditor(headline: string): Promise<string> {
  const res = await as(editor, 'post', CM)
    .query({ locale: 'ru' })
    .send({ headline, body: paragraph('Первый текст.') });
  expect(res.status).toBe(201);
  created.push(res.body.data.documentId);
  return res.body.data.documentId as string;
}

/** As an Editor does it under the review workflow: approve, then publish (the stage is no content: no version). */
const publish = async (documentId: string) => {
  const approve = await as(editor, 'put', `${CM}/${documentId}`)
    .query({ locale: 'ru' })
    .send({ reviewStage: 'approved' });
  expect(approve.status).toBe(200);
  expect(
    (await as(editor, 'post', `${CM}/${documentId}/actions/publish`).query({ locale: 'ru' }).send({})).status,
  ).toBe(200);
};
const save = async (documentId: string, data: Record<string, unknown>) =>
  expect((await as(editor, 'put', `${CM}/${documentId}`).query({ locale: 'ru' }).send(data)).status).toBe(200);

async function history(documentId: string) {
  const res = await as(editor, 'get', `${VERSIONS}/${documentId}`).query({ locale: 'ru' });
  expect(res.status).toBe(200);
  return res.body.data as {
    id: number;
    status: string;
    reason: string;
    savedAt: string;
    savedBy: { name: string; email: string };
  }[];
}

/** `npm run import -- …` as an operator runs it, on the test database. */
function runImport(args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/import-release.ts', ...args],
      { cwd: PROJECT_ROOT, env: { ...process.env, LOG_LEVEL: 'error' }, encoding: 'utf8', timeout: 120_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr }),
    );
  });
}

beforeAll(async () => {
  app = await startNewsroom();
  editor = await editorToken(app, EDITOR_EMAIL);
  outsider = await outsiderToken();
});
afterAll(async () => {
  delete process.env.VERSIONS_KEEP_PER_LOCALE;
  for (const documentId of created) await deleteRelease(app, documentId);
  await stopNewsroom(app);
});

describe('versions of a release', () => {
  it('keeps one per save, publish, unpublish and discard, with who made it', async () => {
    const documentId = await createAsEditor('Zzversions история релиза');
    await save(documentId, { headline: 'Zzversions история релиза, правка' });
    await publish(documentId);
    await save(documentId, { headline: 'Zzversions черновик после публикации' });
    const discarded = await as(editor, 'post', `${CM}/${documentId}/actions/discard`).query({ locale: 'ru' }).send({});
    expect(discarded.status).toBe(200);
    const unpublished = await as(editor, 'post', `${CM}/${documentId}/actions/unpublish`)
      .query({ locale: 'ru' })
      .send({});
    expect(unpublished.status).toBe(200);

    const versions = await history(documentId);
    expect(versions.map((version) => [version.reason, version.status])).toEqual([
      ['unpublish', 'draft'],
      ['discard', 'draft'],
      ['save', 'draft'],
      ['publish', 'published'],
      ['save', 'draft'],
      ['save', 'draft'],
    ]);
    for (const version of versions) {
      expect(version.savedBy).toEqual({ id: expect.any(Number), name: 'Test Editor', email: EDITOR_EMAIL });
    }
    const published = await as(editor, 'get', `${VERSIONS}/${documentId}/${versions[3].id}`).query({ locale: 'ru' });
    expect(published.status).toBe(200);
    expect(published.body.data.version.content.headline).toBe('Zzversions история релиза, правка');
    expect(published.body.data.version.content.body).toEqual(paragraph('Первый текст.'));
    // The draft was set back to the published content: the two differ in nothing an editor wrote.
    expect(published.body.data.changedFields).toEqual([]);
    const first = await as(editor, 'get', `${VERSIONS}/${documentId}/${versions[5].id}`).query({ locale: 'ru' });
    expect(first.body.data.changedFields).toEqual(['headline', 'slug']);
    expect(first.body.data.fields.slice(0, 4)).toEqual(['kicker', 'headline', 'slug', 'lead']);
    expect(first.body.data.current.headline).toBe('Zzversions история релиза, правка');
  });

  it('marks what the importer writes as an import, with nobody as its author', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'newsroom-versions-')), 'release.txt');
    writeFileSync(file, 'Zzversions импортированный релиз\n\nИмпорт.\n');
    const imported = await runImport([file, '--locale', 'ru', '--publish']);
    expect(imported.code).toBe(0);
    const row = await app.db
      .query(PRESS_RELEASE_UID)
      .findOne({ select: ['documentId'], where: { headline: 'Zzversions импортированный релиз', locale: 'ru' } });
    created.push(row.documentId);
    const versions = await history(row.documentId);
    expect(versions.map((version) => [version.reason, version.status])).toEqual([
      ['import', 'published'],
      ['import', 'draft'],
    ]);
    expect(versions[0].savedBy).toEqual({ id: null, name: null, email: null });
  });

  it('keeps the newest per locale as configured, and every published one', async () => {
    const documentId = await createAsEditor('Zzversions хранение версий');
    await publish(documentId);
    process.env.VERSIONS_KEEP_PER_LOCALE = '2';
    for (const n of [1, 2, 3]) await save(documentId, { lead: `Лид ${n}` });
    const versions = await history(documentId);
    delete process.env.VERSIONS_KEEP_PER_LOCALE;
    expect(versions.map((version) => version.reason)).toEqual(['save', 'save', 'publish']);
    const newest = await as(editor, 'get', `${VERSIONS}/${documentId}/${versions[0].id}`).query({ locale: 'ru' });
    expect(newest.body.data.version.content.lead).toBe('Лид 3');
  });

  it('restores a version into the draft and publishes nothing', async () => {
    const documentId = await createAsEditor('Zzversions восстановление');
    await save(documentId, { lead: 'Старый лид' });
    await publish(documentId);
    await save(documentId, { headline: 'Zzversions восстановление, новое', lead: 'Новый лид' });
    const [, , withOldLead] = await history(documentId);
    expect(withOldLead.reason).toBe('save');

    const restored = await as(editor, 'post', `${VERSIONS}/${documentId}/${withOldLead.id}/restore`)
      .query({ locale: 'ru' })
      .send({});
    expect(restored.status).toBe(200);
    const draft = await app.documents(PRESS_RELEASE_UID).findOne({ documentId, locale: 'ru', status: 'draft' });
    expect(draft).toMatchObject({ headline: 'Zzversions восстановление', lead: 'Старый лид' });
    const [newest] = await history(documentId);
    expect(newest).toMatchObject({ reason: 'restore', status: 'draft' });
    expect(newest.savedBy.email).toBe(EDITOR_EMAIL);
    // The audit trail names the restore, who did it and which version.
    const audited = await app.db
      .connection('newsroom_audit_events')
      .where({ action: 'content.restore', subject_id: documentId });
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ actor_email: EDITOR_EMAIL, locale: 'ru' });
    expect(JSON.parse(audited[0].details)).toEqual({ version: withOldLead.id, title: 'Zzversions восстановление' });
    // The public still sees what was published, and the published version was not written again.
    const publicRelease = await api(app).get(`/api/press-releases/${documentId}`).query({ locale: 'ru' });
    expect(publicRelease.body.data).toMatchObject({ headline: 'Zzversions восстановление', lead: 'Старый лид' });
    const published = await app.documents(PRESS_RELEASE_UID).findOne({ documentId, locale: 'ru', status: 'published' });
    expect(new Date(String(published?.publishedAt)).getTime()).toBeLessThan(new Date(newest.savedAt).getTime());
    expect((await history(documentId)).filter((version) => version.status === 'published')).toHaveLength(1);
  });

  it('refuses users who may not read the release, and bad requests', async () => {
    const documentId = await createAsEditor('Zzversions чужой релиз');
    const [version] = await history(documentId);
    const list = await as(outsider, 'get', `${VERSIONS}/${documentId}`).query({ locale: 'ru' });
    expect(list.status).toBe(403);
    const one = await as(outsider, 'get', `${VERSIONS}/${documentId}/${version.id}`).query({ locale: 'ru' });
    expect(one.status).toBe(403);
    const restore = await as(outsider, 'post', `${VERSIONS}/${documentId}/${version.id}/restore`)
      .query({ locale: 'ru' })
      .send({});
    expect(restore.status).toBe(403);
    expect((await api(app).get(`${VERSIONS}/${documentId}`).query({ locale: 'ru' })).status).toBe(401);
    expect((await as(editor, 'get', `${VERSIONS}/${documentId}`)).status).toBe(400);
    expect((await as(editor, 'get', `${VERSIONS}/${documentId}/abc`).query({ locale: 'ru' })).status).toBe(400);
    expect((await as(editor, 'get', `${VERSIONS}/${documentId}/999999999`).query({ locale: 'ru' })).status).toBe(404);
    expect((await as(editor, 'get', `${VERSIONS}/nope`).query({ locale: 'ru' })).status).toBe(404);
  });
});

describe('a correction of a published release', () => {
  it('is dated on republication and shown in every public channel', async () => {
    const documentId = await createAsEditor('Zzversions исправленный релиз');
    await publish(documentId);
    const before = await app.documents(PRESS_RELEASE_UID).findOne({ documentId, locale: 'ru', status: 'published' });
    const note = 'Исправлено название города.';
    await save(documentId, { lead: 'Исправленный лид', correction: note, correctedAt: '2001-01-01T00:00:00.000Z' });
    const draft = await app.documents(PRESS_RELEASE_UID).findOne({ documentId, locale: 'ru', status: 'draft' });
    expect(draft?.correctedAt ?? null).toBeNull(); // the server dates it, at publication
    await publish(documentId);
    const after = await app.documents(PRESS_RELEASE_UID).findOne({ documentId, locale: 'ru', status: 'published' });
    const correctedAt = new Date(String(after?.correctedAt)).toISOString();
    expect(new Date(correctedAt).getTime()).toBeGreaterThan(new Date(String(before?.updatedAt)).getTime());
    // The release changed for its readers when it was republished: that moment, not earlier than the correction's date
    // (taken as the publication began), is its "updated" date everywhere.
    const modified = new Date(String(after?.updatedAt)).toISOString();
    expect(modified >= correctedAt).toBe(true);

    const rest = await api(app).get(`/api/press-releases/${documentId}`).query({ locale: 'ru' });
    expect(rest.body.data).toMatchObject({ correction: note, correctedAt });
    const gql = await graphql(
      app,
      `
        query ($id: ID!) {
          pressRelease(documentId: $id, locale: "ru") {
            correction
            correctedAt
          }
        }
      `,
      { id: documentId },
    );
    expect(gql.body.data?.pressRelease).toEqual({ correction: note, correctedAt });

    const jsonld = await api(app).get(`/api/press-releases/${documentId}/jsonld`).query({ locale: 'ru' });
    const article = JSON.parse(jsonld.text);
    expect(article.correction).toEqual({ '@type': 'CorrectionComment', text: note, datePublished: correctedAt });
    expect(article.dateModified).toBe(modified);

    const slug = String(after?.slug);
    const page = await api(app).get(`/ru/press-releases/${slug}`);
    expect(page.status).toBe(200);
    // Dated in the page's language, under the headline beside the publication date and with the note under the text.
    const inRussian = new Intl.DateTimeFormat('ru', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    const correctionTime = `<time dateTime="${correctedAt}">${inRussian.format(new Date(correctedAt))}</time>`;
    expect(page.text).toContain(`</time> · Исправлено ${correctionTime}</p>`);
    expect(page.text).toContain(`<aside class="correction"><strong>Исправлено </strong>${correctionTime}`);
    expect(page.text).toContain(`<p>${note}</p>`);

    const sitemaps = await releaseSitemaps(app);
    const entry = sitemaps.text.match(new RegExp(`<loc>[^<]*/ru/press-releases/${slug}</loc>\\s*<lastmod>([^<]+)`));
    expect(entry?.[1]).toBe(modified);
    const atom = (await api(app).get('/feeds/ru/atom.xml')).text;
    const atomEntry = atom.split('<entry>').find((part) => part.includes(`/ru/press-releases/${slug}<`));
    expect(atomEntry).toContain(`<updated>${modified}</updated>`);

    // Republished again without a new note: the correction keeps its date.
    await save(documentId, { lead: 'Ещё правка' });
    await publish(documentId);
    const again = await app.documents(PRESS_RELEASE_UID).findOne({ documentId, locale: 'ru', status: 'published' });
    expect(new Date(String(again?.correctedAt)).toISOString()).toBe(correctedAt);
  });
});
