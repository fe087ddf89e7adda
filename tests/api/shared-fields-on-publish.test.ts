/**
 * `embargoUntil` is shared by a release's locales. Publishing one locale under a new embargo must give it to
 * the other published locales too, whatever order PostgreSQL keeps the rows in: Strapi's own sync skipped it
 * when the first row it read already held the new value (see src/editorial/shared-fields/shared-fields-on-publish.ts).
 */
import type { Core } from '@strapi/strapi';
import { api, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { createRelease, deleteRelease, PRESS_RELEASE_UID } from '../helpers/content';

let app: Core.Strapi;
const created: string[] = [];

beforeAll(async () => {
  app = await startNewsroom();
});

afterAll(async () => {
  for (const documentId of created) await deleteRelease(app, documentId);
  await stopNewsroom(app);
});

async function publishedEmbargoes(documentId: string): Promise<Record<string, number | null>> {
  const rows = (await app.db.query(PRESS_RELEASE_UID).findMany({
    select: ['locale', 'embargoUntil'],
    where: { documentId, publishedAt: { $notNull: true } },
  })) as { locale: string; embargoUntil: string | null }[];
  return Object.fromEntries(
    rows.map((row) => [row.locale, row.embargoUntil === null ? null : new Date(row.embargoUntil).getTime()]),
  );
}

describe('publishing a locale under a new embargo', () => {
  it.each([
    ['the public Russian row read last', true],
    ['the rows in the order they were written', false],
  ])('embargoes the other public locales (%s)', async (_name, russianRowLast) => {
    const { documentId } = await createRelease(app, { headline: `Общий эмбарго ${created.length} ${Date.now()}` });
    created.push(documentId);
    const embargoUntil = new Date(Date.now() + 24 * 3600 * 1000);
    await app.documents(PRESS_RELEASE_UID).update({
      documentId,
      locale: 'en',
      data: {
        headline: `Shared embargo ${created.length} ${Date.now()}`,
        embargoUntil: embargoUntil.toISOString(),
      } as never,
    });
    const searchable = await api(app).get('/api/search').query({ q: 'Общий эмбарго', locale: 'ru' });
    expect(searchable.text).toContain(documentId); // found before the embargo…
    if (russianRowLast) {
      // An update writes a new row version at the end of the table: the public Russian row is now the last the
      // plugin's findOne by documentId reaches, and the first it reads already holds the new embargo.
      await app.db.connection.raw(
        'UPDATE press_releases SET embargo_until = embargo_until ' +
          'WHERE document_id = ? AND locale = ? AND published_at IS NOT NULL',
        [documentId, 'ru'],
      );
    }
    await app.documents(PRESS_RELEASE_UID).publish({ documentId, locale: 'en' });

    expect(await publishedEmbargoes(documentId)).toEqual({ ru: embargoUntil.getTime(), en: embargoUntil.getTime() });
    const res = await api(app).get(`/api/press-releases/${documentId}?locale=ru`);
    expect(res.status).toBe(404);
    const search = await api(app).get('/api/search').query({ q: 'Общий эмбарго', locale: 'ru' });
    expect(search.status).toBe(200);
    expect(search.text).not.toContain(documentId); // …and not under it
  });

  it(
    'leaves the other locales alone (their updatedAt too, which sitemaps show) ' +
      'when the shared fields did not change',
    async () => {
      const { documentId } = await createRelease(app, { headline: `Без эмбарго ${Date.now()}` });
      created.push(documentId);
      const russianUpdatedAt = async () =>
        (
          (await app.db.query(PRESS_RELEASE_UID).findOne({
            select: ['updatedAt'],
            where: { documentId, locale: 'ru', publishedAt: { $notNull: true } },
          })) as { updatedAt: unknown }
        ).updatedAt;
      const before = await russianUpdatedAt();
      await app
        .documents(PRESS_RELEASE_UID)
        .update({ documentId, locale: 'en', data: { headline: `No embargo ${Date.now()}` } as never });
      await app.documents(PRESS_RELEASE_UID).publish({ documentId, locale: 'en' });
      expect(await publishedEmbargoes(documentId)).toEqual({ ru: null, en: null });
      expect(await russianUpdatedAt()).toEqual(before);
      expect((await api(app).get(`/api/press-releases/${documentId}?locale=ru`)).status).toBe(200);
    },
  );
});
