import type { Core } from '@strapi/strapi';
import {
  loadScaleReleases,
  removeScaleReleases,
  scaleReleaseDocumentId,
} from '../../src/editorial/seed/scale-releases';
import { api, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { responseCacheFor } from '../../src/delivery/http-cache/response-cache-registry';

/**
 * The public reads use the indexes of the public read model (database/migrations/*.public-read-model.sql), and
 * Strapi's own path those of database/migrations/*.press-release-read-indexes.js:
 * the SQL Strapi really issues for a request is captured (knex `query` events) and EXPLAINed with its own
 * bindings, over a table of a few thousand releases with fresh statistics (no planner settings forced).
 */
const RELEASES = 2000;
const LIST_INDEX = 'press_releases_published_list_idx';
const SLUG_INDEX = 'press_releases_locale_slug_idx';
const MODEL = 'newsroom_public_releases';
const MODEL_INDEXES = {
  list: `${MODEL}_list`,
  slug: `${MODEL}_slug`,
  document: `${MODEL}_document`,
  visibleFrom: `${MODEL}_visible_from`,
};
const INDEX_SCANS = new Set(['Index Scan', 'Index Only Scan', 'Bitmap Index Scan']);

interface CapturedQuery {
  sql: string;
  bindings: unknown[];
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

interface PgClient {
  query(sql: string, values: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

let app: Core.Strapi;
beforeAll(async () => {
  app = await startNewsroom();
  await removeScaleReleases(app);
  await loadScaleReleases(app, RELEASES); // ends with VACUUM (ANALYZE): statistics as autovacuum would leave them
}, 300_000);
afterAll(async () => {
  await removeScaleReleases(app);
  await stopNewsroom(app);
});

/** Every SQL statement the app sends to PostgreSQL while serving one request. */
async function queriesOf(url: string): Promise<CapturedQuery[]> {
  const captured: CapturedQuery[] = [];
  const listener = (query: { sql: string; bindings?: unknown[] }) =>
    captured.push({ sql: query.sql, bindings: query.bindings ?? [] });
  app.db.connection.on('query', listener);
  try {
    const res = await api(app).get(url);
    expect(res.status).toBe(200);
  } finally {
    app.db.connection.removeListener('query', listener);
  }
  return captured;
}

/** The plan PostgreSQL chooses for a captured statement, with the same bindings (pg's $n placeholders). */
async function planOf(query: CapturedQuery): Promise<PlanNode> {
  const client = app.db.connection.client as {
    acquireConnection(): Promise<PgClient>;
    releaseConnection(c: PgClient): Promise<void>;
  };
  const connection = await client.acquireConnection();
  try {
    const result = await connection.query(`EXPLAIN (FORMAT JSON) ${query.sql}`, query.bindings);
    return (result.rows[0]['QUERY PLAN'] as { Plan: PlanNode }[])[0].Plan;
  } finally {
    await client.releaseConnection(connection);
  }
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

const indexScansOn = (plan: PlanNode, index: string) =>
  nodes(plan).filter((n) => INDEX_SCANS.has(n['Node Type']) && n['Index Name'] === index);
const seqScansOn = (plan: PlanNode, table: string) =>
  nodes(plan).filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === table);

function find(queries: CapturedQuery[], pattern: RegExp, what: string): CapturedQuery {
  const found = queries.find((q) => pattern.test(q.sql));
  if (!found) throw new Error(`No ${what} among the captured statements:\n${queries.map((q) => q.sql).join('\n')}`);
  return found;
}

describe('indexes of the public read path', () => {
  it('exist (created by the migration, on a new database after Strapi has created its tables)', async () => {
    const result = await app.db.connection.raw(
      "SELECT indexname FROM pg_indexes WHERE tablename IN ('press_releases', ?)",
      [MODEL],
    );
    const names = (result.rows as { indexname: string }[]).map((row) => row.indexname);
    expect(names).toEqual(expect.arrayContaining([LIST_INDEX, SLUG_INDEX, ...Object.values(MODEL_INDEXES)]));
  });

  it(
    'the plain list page (one statement on the read model) ' + 'reads the page, translations and total through indexes',
    async () => {
      const queries = await queriesOf('/api/press-releases?locale=en');
      const plan = await planOf(find(queries, /^\s*WITH page AS/, 'read-model list statement'));
      expect(indexScansOn(plan, MODEL_INDEXES.list)).not.toHaveLength(0); // the page, newest first
      expect(indexScansOn(plan, MODEL_INDEXES.document)).not.toHaveLength(0); // each release's translations
      // the few rows not visible yet, for the total
      expect(indexScansOn(plan, MODEL_INDEXES.visibleFrom)).not.toHaveLength(0);
      expect(seqScansOn(plan, MODEL)).toEqual([]);
      expect(queries.filter((q) => /press_releases/.test(q.sql))).toEqual([]); // nothing read from Strapi's tables
    },
  );

  it('the list on Strapi’s path (newest first) and its count use the list index', async () => {
    const queries = await queriesOf('/api/press-releases?locale=en&sort[0]=publishedAt:desc&sort[1]=id:desc');
    const list = find(
      queries,
      new RegExp(
        '^select "t0"\\.\\*.* from "public"\\."press_releases" as "t0" where ' +
          '.*order by "t0"\\."published_at" desc, "t0"\\."id" desc limit',
      ),
      'list query',
    );
    const count = find(
      queries,
      /^select count\("t0"\."id"\) as "count" from "public"\."press_releases"/,
      'count query',
    );

    const listPlan = await planOf(list);
    expect(indexScansOn(listPlan, LIST_INDEX)).not.toHaveLength(0);
    expect(seqScansOn(listPlan, 'press_releases')).toEqual([]);
    expect(nodes(listPlan).map((n) => n['Node Type'])).not.toContain('Sort'); // the index gives the order

    const countPlan = await planOf(count);
    expect(indexScansOn(countPlan, LIST_INDEX)).not.toHaveLength(0);
    expect(seqScansOn(countPlan, 'press_releases')).toEqual([]);
  });

  it(
    'on Strapi’s path, the populated topics, entities and source ' +
      'are looked up through an index of each link table',
    async () => {
      const queries = await queriesOf('/api/press-releases?locale=ru&sort[0]=publishedAt:desc');
      for (const table of ['press_releases_topics_lnk', 'press_releases_entities_lnk', 'press_releases_source_lnk']) {
        const plan = await planOf(find(queries, new RegExp(`join "public"\\."${table}" as "t1"`), `${table} lookup`));
        // One of Strapi's own indexes on the link table (which one depends on the planner's statistics).
        const usesIndex = nodes(plan).some(
          (node) =>
            INDEX_SCANS.has(node['Node Type']) &&
            (node['Relation Name'] === table || Boolean(node['Index Name']?.startsWith(table))),
        );
        expect({ table, usesIndex, seqScans: seqScansOn(plan, table).length }).toEqual({
          table,
          usesIndex: true,
          seqScans: 0,
        });
      }
    },
  );

  it('one release by slug uses the slug index', async () => {
    const slug = (
      await app.db.connection.raw("SELECT slug FROM press_releases WHERE document_id = ? AND locale = 'en' LIMIT 1", [
        scaleReleaseDocumentId(1234),
      ])
    ).rows[0].slug;
    // The read model (?locale alone), then Strapi's path (any other parameter, here a sort).
    const hot = find(
      await queriesOf(`/api/press-releases/slug/${slug}?locale=en`),
      /r\.slug = /,
      'read-model slug statement',
    );
    expect(hot.bindings).toContain(slug);
    const hotPlan = await planOf(hot);
    expect(indexScansOn(hotPlan, MODEL_INDEXES.slug)).not.toHaveLength(0);
    expect(seqScansOn(hotPlan, MODEL)).toEqual([]);

    const queries = await queriesOf(`/api/press-releases/slug/${slug}?locale=en&sort[0]=publishedAt:desc`);
    const bySlug = find(
      queries,
      /^select "t0"\.\*.* from "public"\."press_releases" as "t0" where .*"t0"\."slug" = /,
      'slug query',
    );
    expect(bySlug.bindings).toContain(slug);
    const plan = await planOf(bySlug);
    expect(indexScansOn(plan, SLUG_INDEX)).not.toHaveLength(0);
    expect(seqScansOn(plan, 'press_releases')).toEqual([]);
  });

  it('one release by documentId (from the read model) reads it and its translations through an index', async () => {
    const documentId = scaleReleaseDocumentId(1234);
    const hot = find(
      await queriesOf(`/api/press-releases/${documentId}?locale=en`),
      /r\.document_id = /,
      'read-model documentId statement',
    );
    expect(hot.bindings).toContain(documentId);
    const plan = await planOf(hot);
    expect(indexScansOn(plan, MODEL_INDEXES.document)).not.toHaveLength(0);
    expect(seqScansOn(plan, MODEL)).toEqual([]);
  });

  it(
    "runs the app's statements without parallel workers " + '(DATABASE_PARALLEL_WORKERS_PER_GATHER, default 0)',
    async () => {
      // The server's own default is 2: a rare search word was planned in parallel, 9 ms instead of 2.
      const shown = await app.db.connection.raw('SHOW max_parallel_workers_per_gather');
      expect(shown.rows[0].max_parallel_workers_per_gather).toBe('0');
    },
  );

  it(
    'the next change by itself (asked by the response cache after each write) ' + 'uses the visible_from index',
    async () => {
      // A write empties the response cache; the next public read asks when what the public sees changes next: that
      // statement, as the app sends it, is the one EXPLAINed.
      responseCacheFor(app).clear();
      const queries = await queriesOf('/api/press-releases?locale=ru');
      const plan = await planOf(find(queries, /min\(r\.visible_from\)/, 'next change statement'));
      expect(indexScansOn(plan, MODEL_INDEXES.visibleFrom)).not.toHaveLength(0);
    },
  );
});
