/**
 * The independent oracle for "what the public sees": Strapi's stock read path, in an app process started with
 * NEWSROOM_PUBLIC_READS=stock (none of our public read code: no route middleware, no hot paths, no embargo
 * middleware, no GraphQL guard or batching, no response cache), asked for the releases that the test's own reading
 * of the database says are visible. That reading is written here, on purpose apart from src/: a misreading of
 * "published" or "embargoed" shared with the app cannot hide.
 */
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { PUBLIC_RELEASE_POPULATE } from '../../src/read-side/public-shape';
import { startNewsroomProcess, type NewsroomProcess } from './newsroom-process';

export interface StockOracle {
  process: NewsroomProcess;
  /** Which documents the public may see in a locale now: a published row, and no embargo still to come. */
  visibleIds(locale: string): Promise<string[]>;
  /** Strapi's stock answer for a public list page, over the visible documents only. */
  list(locale: string, page: number, pageSize: number): Promise<request.Response>;
  /** Strapi's stock answer for one release by documentId, or the stock 404 when it is not visible. */
  one(documentId: string, locale: string): Promise<request.Response>;
  /** Strapi's stock answer for the visible release with this slug in a locale: its `data`, or undefined (a 404). */
  bySlug(slug: string, locale: string): Promise<unknown>;
  /** The stock GraphQL answer for a query, its `$hidden` variable bound to the published releases not visible. */
  graphql(query: string, variables: Record<string, unknown>, locale: string): Promise<request.Response>;
  stop(): Promise<void>;
}

const NOT_A_DOCUMENT = 'oracle-no-such-document-00000';

export async function startStockOracle(app: Core.Strapi): Promise<StockOracle> {
  const stock = await startNewsroomProcess({
    NEWSROOM_PUBLIC_READS: 'stock',
    RESPONSE_CACHE: 'off',
    RATE_LIMIT: 'off',
    LOG_LEVEL: 'error',
  });
  const http = () => request(stock.url);

  const publishedIds = async (locale: string, embargoed: boolean): Promise<string[]> => {
    const rows = (await app.db.connection.raw(
      `SELECT DISTINCT document_id FROM press_releases
        WHERE locale = ? AND published_at IS NOT NULL
          AND ${embargoed ? 'embargo_until > ?' : '(embargo_until IS NULL OR embargo_until <= ?)'}`,
      [locale, new Date()],
    )) as { rows: { document_id: string }[] };
    return rows.rows.map((row) => row.document_id).sort();
  };
  const visibleIds = (locale: string) => publishedIds(locale, false);
  /**
   * Stock reads are published-only already; what they must leave out is the published releases still under embargo
   * (few, so they fit a query string where the visible ones might not). An empty list would be refused: a documentId
   * no release has stands for "none".
   */
  const hidden = async (locale: string) => {
    const ids = await publishedIds(locale, true);
    return ids.length > 0 ? ids : [NOT_A_DOCUMENT];
  };
  const publicQuery = (locale: string) => ({
    locale,
    populate: PUBLIC_RELEASE_POPULATE,
    sort: ['publishedAt:desc', 'id:desc'],
  });

  return {
    process: stock,
    visibleIds,
    async list(locale, page, pageSize) {
      return http()
        .get('/api/press-releases')
        .query(
          qs({
            ...publicQuery(locale),
            filters: { documentId: { $notIn: await hidden(locale) } },
            pagination: { page, pageSize },
          }),
        );
    },
    async one(documentId, locale) {
      const ids = await visibleIds(locale);
      return http()
        .get(`/api/press-releases/${ids.includes(documentId) ? documentId : NOT_A_DOCUMENT}`)
        .query(qs(publicQuery(locale)));
    },
    async bySlug(slug, locale) {
      const filters = { slug: { $eq: slug }, documentId: { $notIn: await hidden(locale) } };
      const res = await http()
        .get('/api/press-releases')
        .query(qs({ ...publicQuery(locale), filters }));
      if (res.status !== 200) throw new Error(`the stock list answered ${res.status}: ${res.text.slice(0, 300)}`);
      return (res.body.data as unknown[])[0];
    },
    async graphql(query, variables, locale) {
      return http()
        .post('/graphql')
        .send({ query, variables: { ...variables, hidden: await hidden(locale) } });
    },
    stop: () => stock.stop(),
  };
}

/** Strapi's bracket syntax for a nested query (what `qs.stringify` gives), as a flat record supertest can send. */
function qs(value: unknown, prefix = '', into: Record<string, string> = {}): Record<string, string> {
  if (Array.isArray(value)) value.forEach((item, i) => qs(item, `${prefix}[${i}]`, into));
  else if (value !== null && typeof value === 'object') {
    for (const [key, nested] of Object.entries(value)) qs(nested, prefix ? `${prefix}[${key}]` : key, into);
  } else if (value !== undefined) into[prefix] = String(value);
  return into;
}
