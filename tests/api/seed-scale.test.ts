import { execFile } from 'node:child_process';
import type { Core } from '@strapi/strapi';
import {
  loadScaleReleases,
  removeScaleReleases,
  SCALE_ID_PATTERNS,
  scaleReleaseDocumentId,
} from '../../src/editorial/seed/scale-releases';
import { blocksToParagraphs } from '../../src/platform/content-model/paragraph-blocks';
import { api, PROJECT_ROOT, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { PRESS_RELEASE_UID } from '../helpers/content';

const N = 30;
const LOCALES = ['ru', 'en', 'az'];

let app: Core.Strapi;
let releasesBefore: number;
beforeAll(async () => {
  app = await startNewsroom();
  await removeScaleReleases(app); // a previous run that stopped half-way, on a configured database
  releasesBefore = await app.db.query(PRESS_RELEASE_UID).count({});
});
afterAll(async () => {
  // Other test files count releases, topics and entities: leave the database as it was.
  await removeScaleReleases(app);
  await stopNewsroom(app);
});

const sql = async <T>(query: string, bindings: unknown[] = []): Promise<T[]> =>
  (await app.db.connection.raw(query, bindings as never)).rows as T[];

/** Rows of the synthetic releases per locale and state. */
async function scaleRowCounts() {
  return sql<{ locale: string; published: string; drafts: string; documents: string }>(
    `SELECT locale, count(*) FILTER (WHERE published_at IS NOT NULL) AS published,
            count(*) FILTER (WHERE published_at IS NULL) AS drafts,
            count(DISTINCT document_id) AS documents
     FROM press_releases WHERE document_id ~ ? GROUP BY locale ORDER BY locale`,
    [SCALE_ID_PATTERNS.release],
  );
}

/** Runs the script; a run stopped for taking too long says so (a loaded machine makes it slower, not red). */
function runSeedScale(args: string[]): Promise<{ status: number | string | null; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/seed-scale.ts', ...args],
      { cwd: PROJECT_ROOT, env: { ...process.env, LOG_LEVEL: 'error' }, encoding: 'utf8', timeout: 150_000 },
      (error, _stdout, stderr) =>
        resolve({
          status: error ? (error.killed ? 'stopped after 150 s' : typeof error.code === 'number' ? error.code : 1) : 0,
          stderr,
        }),
    );
  });
}

describe('npm run seed:scale', () => {
  it('writes N releases in ru, en and az, each a draft and a published row, with public read-model rows', async () => {
    const report = await loadScaleReleases(app, N);
    expect(report).toMatchObject({ count: N, created: N, alreadyPresent: 0 });
    expect(await scaleRowCounts()).toEqual(
      ['az', 'en', 'ru'].map((locale) => ({ locale, published: String(N), drafts: String(N), documents: String(N) })),
    );
    const [search] = await sql<{ rows: string; published: string }>(
      `SELECT count(*) AS rows, count(*) FILTER (WHERE p.published_at IS NOT NULL) AS published
       FROM newsroom_public_releases s JOIN press_releases p ON p.id = s.row_id WHERE s.document_id ~ ?`,
      [SCALE_ID_PATTERNS.release],
    );
    expect(search).toEqual({ rows: String(3 * N), published: String(3 * N) });
    const ids = await sql<{ document_id: string }>(
      'SELECT DISTINCT document_id FROM press_releases WHERE document_id ~ ?',
      [SCALE_ID_PATTERNS.release],
    );
    for (const { document_id: id } of ids) expect(id).toMatch(/^[a-z0-9]{24}$/);
  });

  it('is idempotent: the same N adds nothing, a bigger N adds the difference', async () => {
    expect(await loadScaleReleases(app, N)).toMatchObject({ created: 0, alreadyPresent: N });
    expect((await scaleRowCounts()).map((row) => row.documents)).toEqual([String(N), String(N), String(N)]);
    expect(await loadScaleReleases(app, N + 5, { batchSize: 7 })).toMatchObject({ created: 5, alreadyPresent: N });
    expect((await scaleRowCounts()).map((row) => row.published)).toEqual([String(N + 5), String(N + 5), String(N + 5)]);
    expect(await app.db.query(PRESS_RELEASE_UID).count({})).toBe(releasesBefore + 6 * (N + 5));
  });

  it('keeps slugs unique within each locale (over every release, not only the synthetic ones)', async () => {
    const clashes = await sql(
      'SELECT locale, slug FROM press_releases WHERE slug IS NOT NULL ' +
        'GROUP BY locale, slug HAVING count(DISTINCT document_id) > 1',
    );
    expect(clashes).toEqual([]);
  });

  it('links each locale row to the topics and entities of its own locale, drafts and published alike', async () => {
    const rows = await sql<{ state: string; mismatched: string; topics: string; entities: string; sources: string }>(
      `SELECT CASE WHEN p.published_at IS NULL THEN 'draft' ELSE 'published' END AS state,
              (SELECT count(*) FROM press_releases_topics_lnk l JOIN topics t ON t.id = l.topic_id
               WHERE l.press_release_id = p.id AND t.locale <> p.locale)
            + (SELECT count(*) FROM press_releases_entities_lnk l JOIN entities e ON e.id = l.entity_id
               WHERE l.press_release_id = p.id AND e.locale <> p.locale) AS mismatched,
              (SELECT count(*) FROM press_releases_topics_lnk l WHERE l.press_release_id = p.id) AS topics,
              (SELECT count(*) FROM press_releases_entities_lnk l WHERE l.press_release_id = p.id) AS entities,
              (SELECT count(*) FROM press_releases_source_lnk l WHERE l.press_release_id = p.id) AS sources
       FROM press_releases p WHERE p.document_id ~ ?`,
      [SCALE_ID_PATTERNS.release],
    );
    expect(rows).toHaveLength(6 * (N + 5));
    for (const row of rows) expect(row).toMatchObject({ mismatched: '0', topics: '2', entities: '3', sources: '1' });
  });

  it('serves them over REST, by list and by slug, with relations and translations', async () => {
    const documentId = scaleReleaseDocumentId(17);
    for (const locale of LOCALES) {
      const listed = await api(app)
        .get('/api/press-releases')
        .query({ locale, 'filters[documentId][$eq]': documentId });
      expect(listed.status).toBe(200);
      expect(listed.body.data).toHaveLength(1);
      const release = listed.body.data[0];
      expect(release).toMatchObject({ documentId, locale, headline: expect.stringContaining(' 17: ') });
      expect(blocksToParagraphs(release.body)).toHaveLength(3);
      expect(release.source).toMatchObject({ shortName: 'SCALE' });
      expect(release.topics).toHaveLength(2);
      expect(release.entities).toHaveLength(3);
      for (const related of [...release.topics, ...release.entities]) expect(related.locale).toBe(locale);
      expect(release.localizations.map((l: { locale: string }) => l.locale).sort()).toEqual(
        LOCALES.filter((l) => l !== locale).sort(),
      );

      const bySlug = await api(app).get(`/api/press-releases/slug/${release.slug}`).query({ locale });
      expect(bySlug.status).toBe(200);
      expect(bySlug.body.data).toMatchObject({ documentId, locale, headline: release.headline });
    }
    const newest = await api(app).get('/api/press-releases').query({ locale: 'az' });
    expect(newest.body.meta.pagination.total).toBeGreaterThanOrEqual(N + 5);
  });

  it('is found by search, in Russian and English', async () => {
    const ru = await api(app).get('/api/search').query({ q: 'Сводка 17', locale: 'ru' });
    expect(ru.status).toBe(200);
    expect(ru.body.data[0]).toMatchObject({ documentId: scaleReleaseDocumentId(17), locale: 'ru' });
    const en = await api(app).get('/api/search').query({ q: 'briefing 23', locale: 'en' });
    expect(en.body.data[0]).toMatchObject({ documentId: scaleReleaseDocumentId(23), locale: 'en' });
    // A word of the body, stemmed ("prosecutor" finds "prosecutors"), highlighted in the snippet.
    const body = await api(app).get('/api/search').query({ q: 'prosecutor', locale: 'en', pageSize: '100' });
    const synthetic = body.body.data.filter((hit: { documentId: string }) => hit.documentId.startsWith('scale0'));
    expect(synthetic.length).toBeGreaterThan(0);
    for (const hit of synthetic) expect(hit.snippet).toContain('<mark>prosecutors</mark>');
  });

  it('is what the admin panel sees through the document service', async () => {
    const documents = app.documents(PRESS_RELEASE_UID);
    const filters = { documentId: { $startsWith: 'scale0' } };
    for (const locale of LOCALES) {
      expect(await documents.count({ locale, status: 'published', filters })).toBe(N + 5);
      expect(await documents.count({ locale, status: 'draft', filters })).toBe(N + 5);
    }
    const one = await documents.findOne({
      documentId: scaleReleaseDocumentId(3),
      locale: 'en',
      status: 'published',
      populate: ['topics', 'entities', 'source'],
    });
    expect(one).toMatchObject({ locale: 'en', publishedAt: expect.anything() });
    expect((one as unknown as { topics: unknown[] }).topics).toHaveLength(2);
  });

  it('refuses a bad --count with a message and a non-zero exit, before starting anything', async () => {
    for (const args of [['--count', 'abc'], ['--count', '2000001'], []]) {
      const result = await runSeedScale(args);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/^error: --count (must be a whole number from 1 to 1,000,000|is required)/);
    }
  }, 600_000);

  it('removes everything it wrote', async () => {
    expect(await removeScaleReleases(app)).toEqual({ releases: N + 5 });
    expect(await scaleRowCounts()).toEqual([]);
    expect(await app.db.query(PRESS_RELEASE_UID).count({})).toBe(releasesBefore);
    const leftovers = await sql<{ n: string }>(
      `SELECT (SELECT count(*) FROM newsroom_public_releases WHERE document_id ~ ?)
            + (SELECT count(*) FROM topics WHERE document_id ~ ?)
            + (SELECT count(*) FROM entities WHERE document_id ~ ?)
            + (SELECT count(*) FROM sources WHERE document_id ~ ?) AS n`,
      [SCALE_ID_PATTERNS.release, SCALE_ID_PATTERNS.topic, SCALE_ID_PATTERNS.entity, SCALE_ID_PATTERNS.source],
    );
    expect(leftovers).toEqual([{ n: '0' }]);
  });
});
