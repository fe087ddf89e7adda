/**
 * The public read model (src/read-side/read-model/) kept in step on every write path: the release's own writes,
 * a topic, entity, source or media file it shows, a transaction that rolls back, and the start-up check.
 * What it answers is compared with Strapi's stock path in public-reads-oracle.test.ts; this is about when.
 */
import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { bringReadModelInStep, rebuildReadModel } from '../../src/read-side/read-model/read-model-rebuild';
import { createRelease, deleteRelease, PRESS_RELEASE_UID } from '../helpers/content';
import { deleteUploads, makeUploadedImage } from '../helpers/media';
import { api, graphql, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';

let app: Core.Strapi;
const TAG = `Модель${randomBytes(3).toString('hex')}`;
const releases: string[] = [];
const uploads: number[] = [];

beforeAll(async () => {
  app = await startNewsroom();
});

afterAll(async () => {
  for (const documentId of releases) await deleteRelease(app, documentId);
  await deleteUploads(app, uploads);
  await stopNewsroom(app);
});

const publicRelease = async (documentId: string, locale = 'ru') => {
  const res = await api(app).get(`/api/press-releases/${documentId}`).query({ locale });
  return res.status === 200 ? (res.body.data as Record<string, unknown>) : res.status;
};
const modelRows = async (documentId: string) =>
  (
    await app.db
      .connection('newsroom_public_releases')
      .where({ document_id: documentId })
      .orderBy('locale')
      .select('locale')
  ).map((row: { locale: string }) => row.locale);

describe('the public read model', () => {
  it('follows a release through publish, a draft edit, unpublish and delete', async () => {
    const { documentId } = await createRelease(app, { headline: `${TAG} путь`, publish: false });
    releases.push(documentId);
    expect(await modelRows(documentId)).toEqual([]);
    expect(await publicRelease(documentId)).toBe(404);

    await app.documents(PRESS_RELEASE_UID).publish({ documentId, locale: 'ru' });
    expect(await modelRows(documentId)).toEqual(['ru']);
    expect(await publicRelease(documentId)).toMatchObject({ headline: `${TAG} путь` });

    // A draft edit is not public until it is published.
    await app
      .documents(PRESS_RELEASE_UID)
      .update({ documentId, locale: 'ru', status: 'draft', data: { headline: `${TAG} правка` } as never });
    expect(await publicRelease(documentId)).toMatchObject({ headline: `${TAG} путь` });
    await app.documents(PRESS_RELEASE_UID).publish({ documentId, locale: 'ru' });
    expect(await publicRelease(documentId)).toMatchObject({ headline: `${TAG} правка` });

    await app.documents(PRESS_RELEASE_UID).unpublish({ documentId, locale: 'ru' });
    expect(await modelRows(documentId)).toEqual([]);
    expect(await publicRelease(documentId)).toBe(404);
  });

  it('shows a renamed topic in every release that shows it, and a deleted one in none', async () => {
    const topic = await app
      .documents('api::topic.topic')
      .create({ locale: 'ru', data: { name: `${TAG} тема`, slug: `tema-${TAG.slice(-6)}` } as never });
    const first = await createRelease(app, { headline: `${TAG} первая`, topics: [topic.documentId] });
    const second = await createRelease(app, { headline: `${TAG} вторая`, topics: [topic.documentId] });
    releases.push(first.documentId, second.documentId);
    await app
      .documents('api::topic.topic')
      .update({ documentId: topic.documentId, locale: 'ru', data: { name: `${TAG} новая тема` } as never });
    for (const { documentId } of [first, second]) {
      expect(await publicRelease(documentId)).toMatchObject({
        topics: [expect.objectContaining({ name: `${TAG} новая тема` })],
      });
    }
    await app.documents('api::topic.topic').delete({ documentId: topic.documentId, locale: 'ru' });
    for (const { documentId } of [first, second]) expect(await publicRelease(documentId)).toMatchObject({ topics: [] });
  });

  it("shows a cover's new alternative text, set in the media library", async () => {
    const fileId = await makeUploadedImage(app, `${TAG}-cover.png`, `${TAG} первая подпись`);
    uploads.push(fileId);
    const { documentId } = await createRelease(app, { headline: `${TAG} с обложкой`, publish: false });
    releases.push(documentId);
    await app
      .documents(PRESS_RELEASE_UID)
      .update({ documentId, locale: 'ru', status: 'draft', data: { cover: fileId } as never });
    await app.documents(PRESS_RELEASE_UID).publish({ documentId, locale: 'ru' });
    expect(await publicRelease(documentId)).toMatchObject({
      cover: expect.objectContaining({ id: fileId, alternativeText: `${TAG} первая подпись` }),
    });
    // The media library's "edit file" saves through the upload service, not the document service.
    await app
      .plugin('upload')
      .service('upload')
      .updateFileInfo(fileId, { alternativeText: `${TAG} подпись` });
    expect(await publicRelease(documentId)).toMatchObject({
      cover: expect.objectContaining({ id: fileId, alternativeText: `${TAG} подпись` }),
    });
  });

  it('writes nothing when the write it belongs to rolls back', async () => {
    let documentId: string | undefined;
    await expect(
      app.db.transaction(async () => {
        documentId = (await createRelease(app, { headline: `${TAG} откат` })).documentId;
        expect(
          await app.db.connection('newsroom_public_releases').where({ document_id: documentId }).count(),
        ).toBeDefined();
        throw new Error('rolled back on purpose');
      }),
    ).rejects.toThrow('rolled back on purpose');
    expect(documentId).toBeDefined();
    expect(await modelRows(documentId!)).toEqual([]);
    expect(await app.db.query(PRESS_RELEASE_UID).count({ where: { documentId } })).toBe(0);
  });

  it('is rebuilt whole when the public shape it was built with changes', async () => {
    const published = await app.db
      .connection('press_releases')
      .whereNotNull('published_at')
      .countDistinct({ n: 'document_id' });
    await app.db.connection('newsroom_public_release_model').update({ fingerprint: 'an older public shape' });
    expect(await bringReadModelInStep(app)).toBe(Number(published[0].n));
    expect(await bringReadModelInStep(app)).toBe(0);
    expect(await rebuildReadModel(app)).toBe(Number(published[0].n));
  });

  it("answers GraphQL from the read model as Strapi's resolvers do, any selection included", async () => {
    const fileId = await makeUploadedImage(app, `${TAG}-graphql.png`);
    uploads.push(fileId);
    const { documentId } = await createRelease(app, { headline: `${TAG} графкуэль`, publish: false });
    releases.push(documentId);
    await app.documents(PRESS_RELEASE_UID).update({
      documentId,
      locale: 'ru',
      status: 'draft',
      data: { cover: fileId, seo: { metaTitle: 'SEO', image: fileId } } as never,
    });
    await app.documents(PRESS_RELEASE_UID).publish({ documentId, locale: 'ru' });
    // Fields the read model's JSON holds, and some it does not (a topic's createdAt): those go to Strapi's resolver.
    const selection =
      `documentId headline publishedAt issuedAt locale cover { url alternativeText width formats } ` +
      `seo { metaTitle image { url } }
      source { name } topics { name slug locale } entities { name kind createdAt } localizations { locale headline }`;
    const readModelQueries = {
      list:
        `{ pressReleases(locale: "ru", pagination: { pageSize: 100 }, sort: ["publishedAt:desc", "id:desc"]) ` +
        `{ ${selection} } }`,
      one: `{ pressRelease(documentId: "${documentId}", locale: "ru") { ${selection} } }`,
      connection:
        `{ pressReleases_connection(locale: "ru", pagination: { pageSize: 3 }, ` +
        `sort: ["publishedAt:desc", "id:desc"]) {
        nodes { ${selection} } pageInfo { total page pageSize pageCount } } }`,
    };
    // The same requests with a filter that changes nothing: Strapi's own resolvers answer those.
    const strapiQueries = {
      list:
        `{ pressReleases(locale: "ru", filters: { documentId: { ne: "none" } }, pagination: { pageSize: 100 }, ` +
        `sort: ["publishedAt:desc", "id:desc"]) { ${selection} } }`,
      one: `{ pressReleases(locale: "ru", filters: { documentId: { eq: "${documentId}" } }) { ${selection} } }`,
      connection:
        `{ pressReleases_connection(locale: "ru", filters: { documentId: { ne: "none" } }, ` +
        `pagination: { pageSize: 3 },
        sort: ["publishedAt:desc", "id:desc"]) { nodes { ${selection} } pageInfo { total page pageSize pageCount } } }`,
    };
    const statements: string[] = [];
    const listener = (query: { sql: string }) => statements.push(query.sql);
    app.db.connection.on('query', listener);
    const ours = { list: await graphql(app, readModelQueries.list), one: await graphql(app, readModelQueries.one) };
    const beforeConnection = statements.length;
    const oursConnection = await graphql(app, readModelQueries.connection);
    app.db.connection.removeListener('query', listener);
    const theirs = { list: await graphql(app, strapiQueries.list), one: await graphql(app, strapiQueries.one) };
    const theirsConnection = await graphql(app, strapiQueries.connection);
    expect(oursConnection.body.errors).toBeUndefined();
    expect(oursConnection.body.data).toEqual(theirsConnection.body.data);
    expect(oursConnection.body.data.pressReleases_connection.pageInfo.total).toBeGreaterThan(3);
    // The connection's page and total came from the read model, not from a count over press_releases.
    const connectionStatements = statements.slice(beforeConnection);
    expect(connectionStatements.some((sql) => sql.includes('newsroom_public_release_totals'))).toBe(true);
    expect(connectionStatements.filter((sql) => /count\(.*"press_releases"/s.test(sql))).toEqual([]);
    for (const answer of [...Object.values(ours), ...Object.values(theirs)]) expect(answer.body.errors).toBeUndefined();
    expect(ours.list.body.data.pressReleases).toEqual(theirs.list.body.data.pressReleases);
    expect(ours.one.body.data.pressRelease).toEqual(theirs.one.body.data.pressReleases[0]);
    expect(ours.one.body.data.pressRelease.cover).toMatchObject({ url: expect.stringMatching(/^\/uploads\//) });
    // The releases came from the read model (their translations from Strapi's association resolver).
    expect(statements.some((sql) => /FROM newsroom_public_releases r/.test(sql))).toBe(true);
  });

  it("keeps each locale's total in the list meta equal to what it lists", async () => {
    for (const locale of ['ru', 'en', 'az']) {
      const res = await api(app).get('/api/press-releases').query({ locale, 'pagination[pageSize]': '100' });
      expect(res.status).toBe(200);
      expect(res.body.meta.pagination.total).toBe(res.body.data.length);
    }
  });
});
