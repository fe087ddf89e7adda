/**
 * A release published by a create or update that asks for it (REST's default, `status: 'published'` from code or an
 * API token) goes through the same rules as one published with publish(), the way the admin panel publishes: its
 * correction is dated, its shared fields reach its other published locales, a version records the publication, and
 * the answer is the published entry, as Strapi's own would be.
 */
import type { Core } from '@strapi/strapi';
import { api, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { createRelease, deleteRelease, PRESS_RELEASE_UID } from '../helpers/content';
import { paragraphsToBlocks } from '../../src/platform/content-model/paragraph-blocks';

let app: Core.Strapi;
const created: string[] = [];

beforeAll(async () => {
  app = await startNewsroom();
});

afterAll(async () => {
  for (const documentId of created) await deleteRelease(app, documentId);
  await stopNewsroom(app);
});

const publishedRow = (documentId: string, locale: string) =>
  app.db.query(PRESS_RELEASE_UID).findOne({
    select: ['locale', 'correction', 'correctedAt', 'embargoUntil', 'publishedAt'],
    where: { documentId, locale, publishedAt: { $notNull: true } },
  }) as Promise<{ correction: string | null; correctedAt: string | null; embargoUntil: string | null } | null>;

describe('an update asked to publish', () => {
  it('dates the correction it publishes, as publish() does', async () => {
    const { documentId } = await createRelease(app, { headline: `Исправление при сохранении ${Date.now()}` });
    created.push(documentId);
    const note = 'Исправлено имя министра.';
    const answer = await app.documents(PRESS_RELEASE_UID).update({
      documentId,
      locale: 'ru',
      status: 'published',
      data: { correction: note } as never,
    });
    expect(answer?.publishedAt).toBeTruthy();
    const row = await publishedRow(documentId, 'ru');
    expect(row?.correction).toBe(note);
    expect(row?.correctedAt).not.toBeNull();
    const rest = await api(app).get(`/api/press-releases/${documentId}`).query({ locale: 'ru' });
    expect(rest.body.data).toMatchObject({
      correction: note,
      correctedAt: new Date(String(row?.correctedAt)).toISOString(),
    });
  });

  it("gives the fields all locales share to the release's other published locales", async () => {
    const { documentId } = await createRelease(app, { headline: `Общее поле при сохранении ${Date.now()}` });
    created.push(documentId);
    const embargoUntil = new Date(Date.now() + 24 * 3600 * 1000);
    // Strapi's own sync skips a locale whose row PostgreSQL returns first (see shared-fields-on-publish.ts): make
    // the public Russian row the last one written, as the shared-fields test does.
    await app.db.connection.raw(
      'UPDATE press_releases SET embargo_until = embargo_until WHERE document_id = ? AND published_at IS NOT NULL',
      [documentId],
    );
    await app.documents(PRESS_RELEASE_UID).update({
      documentId,
      locale: 'en',
      status: 'published',
      data: { headline: `Shared field on save ${Date.now()}`, embargoUntil: embargoUntil.toISOString() } as never,
    });
    const [russian, english] = await Promise.all([publishedRow(documentId, 'ru'), publishedRow(documentId, 'en')]);
    expect(new Date(String(english?.embargoUntil)).getTime()).toBe(embargoUntil.getTime());
    expect(new Date(String(russian?.embargoUntil)).getTime()).toBe(embargoUntil.getTime());
    const list = await api(app).get('/api/press-releases').query({ locale: 'ru' });
    expect(JSON.stringify(list.body)).not.toContain(documentId);
  });
});

describe('a create asked to publish', () => {
  it('answers with the published entry and records the publication as a version', async () => {
    const answer = await app.documents(PRESS_RELEASE_UID).create({
      locale: 'ru',
      status: 'published',
      data: { headline: `Создан опубликованным ${Date.now()}`, body: paragraphsToBlocks(['Текст.']) } as never,
    });
    created.push(answer.documentId);
    expect(answer.publishedAt).toBeTruthy();
    const versions = (await app.db
      .connection('newsroom_release_versions')
      .where({ document_id: answer.documentId, locale: 'ru' })
      .select('status', 'reason')
      .orderBy('id')) as { status: string; reason: string }[];
    expect(versions.at(-1)).toEqual({ status: 'published', reason: 'publish' });
    const rest = await api(app).get(`/api/press-releases/${answer.documentId}`).query({ locale: 'ru' });
    expect(rest.status).toBe(200);
  });
});
