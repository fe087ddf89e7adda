import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Response } from 'supertest';
import { api, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { createRelease, deleteRelease, PRESS_RELEASE_UID } from '../helpers/content';
import { superAdminToken } from '../helpers/editor';
import { goLiveOf } from '../../src/delivery/go-live/go-live-scheduler';

/**
 * Every kind of write empties the public response cache on its own. Other cache tests update a release and then
 * publish it, and the update alone empties the cache: here nothing else is written between the warm cache and the
 * one write under test, so a kind of write that stopped clearing the cache leaves the stale answer served as a hit.
 * Writes go through the Content Manager's admin routes, as the admin panel sends them, except the single publish:
 * the panel's Publish button (POST …/:id/actions/publish) saves the draft first, an update, which would empty the
 * cache by itself; the Document Service's publish is the way a release is published with no save before it.
 */
const RUN = randomBytes(3).toString('hex');
const CM = `/content-manager/collection-types/${PRESS_RELEASE_UID}`;

let app: Core.Strapi;
let token: string;
const made: string[] = [];

beforeAll(async () => {
  app = await startNewsroom();
  token = await superAdminToken(app, 'cache.writes.test@newsroom.test');
});
afterAll(async () => {
  for (const documentId of made) await deleteRelease(app, documentId).catch(() => undefined);
  await stopNewsroom(app);
});

/** A headline prefix of one test's own: its list holds its releases only. */
const markerOf = (kind: string) => `Zzcache${RUN}${kind}`;
const listOf = (marker: string, locale = 'ru') =>
  `/api/press-releases?locale=${locale}&filters[headline][$startsWith]=${marker}&pagination[pageSize]=100`;
const singleOf = (documentId: string, locale = 'ru') => `/api/press-releases/${documentId}?locale=${locale}`;
const get = (path: string) => api(app).get(path);
const headlines = (list: Response): string[] =>
  (list.body.data as { headline: string }[]).map((release) => release.headline).sort();
const asAdmin = (method: 'post' | 'delete', path: string) =>
  api(app)[method](path).set('authorization', `Bearer ${token}`);

async function release(headline: string, publish = true): Promise<string> {
  const { documentId } = await createRelease(app, { headline, publish });
  made.push(documentId);
  return documentId;
}
async function editDraft(documentId: string, headline: string, locale = 'ru'): Promise<void> {
  await app.documents(PRESS_RELEASE_UID).update({ documentId, locale, data: { headline } as never });
}

/**
 * Reads a public answer until the cache keeps it: the second read is a hit, and says the same. The go-live look that
 * the test's last write started is done first: a withdrawal it announces empties the cache too.
 */
async function warm(path: string): Promise<Response> {
  await goLiveOf(app).settled();
  const first = await get(path);
  expect(first.status).toBe(200);
  const kept = await get(path);
  expect({ path, cache: kept.headers['x-cache'] }).toEqual({ path, cache: 'hit' });
  expect(kept.text).toBe(first.text);
  return kept;
}

/** The answer after the write: computed again (a miss), not the kept one. */
async function fresh(path: string): Promise<Response> {
  const answer = await get(path);
  expect({ path, status: answer.status, cache: answer.headers['x-cache'] }).toEqual({
    path,
    status: 200,
    cache: 'miss',
  });
  return answer;
}

describe('each kind of write on its own empties the response cache', () => {
  it('publish (the Document Service): the published changes replace the kept answers', async () => {
    const marker = markerOf('publish');
    const documentId = await release(`${marker} первая редакция`);
    await editDraft(documentId, `${marker} вторая редакция`);
    const single = await warm(singleOf(documentId));
    expect(single.body.data.headline).toBe(`${marker} первая редакция`);
    expect(headlines(await warm(listOf(marker)))).toEqual([`${marker} первая редакция`]);

    await app.documents(PRESS_RELEASE_UID).publish({ documentId, locale: 'ru' });

    expect((await fresh(singleOf(documentId))).body.data.headline).toBe(`${marker} вторая редакция`);
    expect(headlines(await fresh(listOf(marker)))).toEqual([`${marker} вторая редакция`]);
  });

  it('bulk publish (Content Manager): the kept list shows the releases published', async () => {
    const marker = markerOf('bulkpublish');
    const documentIds = [await release(`${marker} один`, false), await release(`${marker} два`, false)];
    expect(headlines(await warm(listOf(marker)))).toEqual([]);

    const published = await asAdmin('post', `${CM}/actions/bulkPublish`)
      .query({ locale: 'ru' })
      .send({ documentIds, locale: 'ru' });
    expect(published.status).toBe(200);
    expect(published.body.count).toBe(2);

    expect(headlines(await fresh(listOf(marker)))).toEqual([`${marker} два`, `${marker} один`]);
  });

  it('unpublish (Content Manager): the release leaves the kept list and its kept page', async () => {
    const marker = markerOf('unpublish');
    const documentId = await release(`${marker} снимается`);
    await warm(singleOf(documentId));
    expect(headlines(await warm(listOf(marker)))).toEqual([`${marker} снимается`]);

    const unpublished = await asAdmin('post', `${CM}/${documentId}/actions/unpublish`)
      .query({ locale: 'ru' })
      .send({ locale: 'ru' });
    expect(unpublished.status).toBe(200);

    expect((await get(singleOf(documentId))).status).toBe(404);
    expect(headlines(await fresh(listOf(marker)))).toEqual([]);
  });

  it('discard draft (Content Manager): the answers are computed again, still from the published version', async () => {
    const marker = markerOf('discard');
    const documentId = await release(`${marker} опубликовано`);
    await editDraft(documentId, `${marker} черновик`);
    const single = await warm(singleOf(documentId));
    const list = await warm(listOf(marker));

    const discarded = await asAdmin('post', `${CM}/${documentId}/actions/discard`)
      .query({ locale: 'ru' })
      .send({ locale: 'ru' });
    expect(discarded.status).toBe(200);
    const draft = await app.documents(PRESS_RELEASE_UID).findOne({ documentId, locale: 'ru', status: 'draft' });
    expect(draft?.headline).toBe(`${marker} опубликовано`);

    // The public never saw the draft, so the answers say the same: what shows the cache was emptied is the miss.
    const after = await fresh(singleOf(documentId));
    expect(after.body.data.headline).toBe(`${marker} опубликовано`);
    expect(after.text).toBe(single.text);
    expect((await fresh(listOf(marker))).text).toBe(list.text);
  });

  it('delete (Content Manager): the release leaves the kept list and its kept page', async () => {
    const marker = markerOf('delete');
    const documentId = await release(`${marker} удаляется`);
    await warm(singleOf(documentId));
    expect(headlines(await warm(listOf(marker)))).toEqual([`${marker} удаляется`]);

    const deleted = await asAdmin('delete', `${CM}/${documentId}`).query({ locale: 'ru' });
    expect(deleted.status).toBe(200);

    expect((await get(singleOf(documentId))).status).toBe(404);
    expect(headlines(await fresh(listOf(marker)))).toEqual([]);
  });

  it('deleting one locale (Content Manager): that translation goes, the original stays', async () => {
    const marker = markerOf('locale');
    const documentId = await release(`${marker} оригинал`);
    await editDraft(documentId, `${marker} translation`, 'en');
    await app.documents(PRESS_RELEASE_UID).publish({ documentId, locale: 'en' });
    await warm(singleOf(documentId, 'en'));
    expect(headlines(await warm(listOf(marker, 'en')))).toEqual([`${marker} translation`]);
    const original = await warm(singleOf(documentId, 'ru'));

    const deleted = await asAdmin('delete', `${CM}/${documentId}`).query({ locale: 'en' });
    expect(deleted.status).toBe(200);

    expect((await get(singleOf(documentId, 'en'))).status).toBe(404);
    expect(headlines(await fresh(listOf(marker, 'en')))).toEqual([]);
    expect((await fresh(singleOf(documentId, 'ru'))).body.data.headline).toBe(original.body.data.headline);
  });

  it('bulk unpublish (Content Manager): the releases leave the kept list', async () => {
    const marker = markerOf('bulkunpublish');
    const documentIds = [await release(`${marker} один`), await release(`${marker} два`)];
    expect(headlines(await warm(listOf(marker)))).toEqual([`${marker} два`, `${marker} один`]);

    const unpublished = await asAdmin('post', `${CM}/actions/bulkUnpublish`)
      .query({ locale: 'ru' })
      .send({ documentIds, locale: 'ru' });
    expect(unpublished.status).toBe(200);
    expect(unpublished.body.count).toBe(2);

    expect(headlines(await fresh(listOf(marker)))).toEqual([]);
  });
});
