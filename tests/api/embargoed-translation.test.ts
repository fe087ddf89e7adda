/**
 * A translation under embargo must not show through the translations (`localizations`) of a version that
 * is public. `embargoUntil` is shared by the locales and publishing now copies it to every published locale
 * (src/editorial/shared-fields/shared-fields-on-publish.ts), but published versions may still differ: data from
 * before that, or written directly. This test writes that state itself.
 */
import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { api, graphql, startNewsroom, stopNewsroom, releaseSitemaps } from '../helpers/newsroom-app';
import { createRelease, deleteRelease, PRESS_RELEASE_UID } from '../helpers/content';
import { responseCacheFor } from '../../src/delivery/http-cache/response-cache-registry';
import { bringReadModelInStep } from '../../src/read-side/read-model/read-model-rebuild';

const MARKER = 'Zzembargoedtranslation';

let app: Core.Strapi;
let documentId: string;
let ruHeadline: string;

beforeAll(async () => {
  app = await startNewsroom();
  ruHeadline = `Открытый перевод ${randomBytes(3).toString('hex')}`;
  documentId = (await createRelease(app, { headline: ruHeadline })).documentId;
  // The English version gets an embargo and is published under it; the Russian one keeps no embargo (below).
  await app.documents(PRESS_RELEASE_UID).update({
    documentId,
    locale: 'en',
    data: {
      headline: `${MARKER} headline`,
      embargoUntil: new Date(Date.now() + 24 * 3600 * 1000).toISOString(),
    } as never,
  });
  await app.documents(PRESS_RELEASE_UID).publish({ documentId, locale: 'en' });
  // Publishing 'en' gave the public 'ru' version the embargo too; put back the value 'ru' was published with.
  await app.db
    .query(PRESS_RELEASE_UID)
    .updateMany({ where: { documentId, locale: 'ru', publishedAt: { $notNull: true } }, data: { embargoUntil: null } });
  await bringReadModelInStep(app); // written behind the app's back: what the start-up check would pick up
  responseCacheFor(app).clear();
});

afterAll(async () => {
  await deleteRelease(app, documentId);
  await stopNewsroom(app);
});

/** Stands for the release sitemap files the index lists (src/channels/sitemaps). */
const SITEMAPS = 'the release sitemaps';

/** The channels that carry a release's translations (ninjs and JSON Feed carry none, so prove nothing here). */
const CHANNELS: [string, string | (() => string)][] = [
  ['REST list (read model)', '/api/press-releases?locale=ru&pagination[pageSize]=100'],
  ["REST list (Strapi's path)", '/api/press-releases?locale=ru&pagination[pageSize]=100&sort[0]=publishedAt:desc'],
  ['REST by documentId (read model)', () => `/api/press-releases/${documentId}?locale=ru`],
  ["REST by documentId (Strapi's path)", () => `/api/press-releases/${documentId}?locale=ru&sort[0]=publishedAt:desc`],
  ['JSON-LD', () => `/api/press-releases/${documentId}/jsonld?locale=ru`],
  ['sitemap', SITEMAPS],
];
const get = (path: string | (() => string)) =>
  path === SITEMAPS ? releaseSitemaps(app) : api(app).get(typeof path === 'string' ? path : path());

describe('an embargoed translation of a public release', () => {
  it('is the situation under test: the Russian version public, the English one published under embargo', async () => {
    const published = (await app.db.query(PRESS_RELEASE_UID).findMany({
      select: ['locale', 'embargoUntil'],
      where: { documentId, publishedAt: { $notNull: true } },
    })) as { locale: string; embargoUntil: string | null }[];
    const byLocale = Object.fromEntries(published.map((row) => [row.locale, row.embargoUntil]));
    expect(byLocale.ru).toBeNull();
    expect(new Date(String(byLocale.en)).getTime()).toBeGreaterThan(Date.now());
  });

  it.each(CHANNELS)('does not show in %s', async (name, path) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    if (name !== 'sitemap') expect(res.text).toContain(ruHeadline); // the public version is there…
    expect(res.text).not.toContain(MARKER); // …its embargoed translation is not
    expect(res.text).not.toContain(`${MARKER.toLowerCase()}-headline`);
  });

  it('does not show in GraphQL localizations (list and connection)', async () => {
    const res = await graphql(
      app,
      `{ pressRelease(documentId: "${documentId}", locale: "ru") { headline localizations { headline locale } ` +
        `localizations_connection { nodes { headline } } } }`,
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.pressRelease.headline).toBe(ruHeadline);
    expect(res.body.data.pressRelease.localizations).toEqual([]);
    expect(res.body.data.pressRelease.localizations_connection).toEqual({ nodes: [] });
  });

  it('shows once the embargo has passed', async () => {
    await app.db
      .query(PRESS_RELEASE_UID)
      .updateMany({ where: { documentId, locale: 'en' }, data: { embargoUntil: new Date(Date.now() - 1000) } });
    await bringReadModelInStep(app);
    responseCacheFor(app).clear();
    const hot = await api(app).get(`/api/press-releases/${documentId}?locale=ru`);
    expect(hot.body.data.localizations.map((l: { headline: string }) => l.headline)).toEqual([`${MARKER} headline`]);
    const res = await graphql(
      app,
      `{ pressRelease(documentId: "${documentId}", locale: "ru") { localizations { headline } } }`,
    );
    expect(res.body.data.pressRelease.localizations).toEqual([{ headline: `${MARKER} headline` }]);
    // Each channel above would show it: so each "does not show" proves the embargo, not a channel without translations.
    const notShown: string[] = [];
    for (const [name, path] of CHANNELS) {
      const text = (await get(path)).text;
      if (!text.includes(MARKER) && !text.includes(`${MARKER.toLowerCase()}-headline`)) notShown.push(name);
    }
    expect(notShown).toEqual([]);
  });
});
