/**
 * The bare-Node anchors, each in its own process like the app:
 *   L0 — `http` sending fixed bytes from memory (ANCHOR_BODY_FILE), 304 on a matching If-None-Match;
 *   L1 — `http` + `pg` running the list query (published releases with source, topics, entities) and
 *        serialising it, no framework in between.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Pool } from 'pg';

const mode = process.argv[2];
const port = Number(process.env.PORT);

const LIST_SQL = `
  SELECT p.id, p.document_id AS "documentId", p.kicker, p.headline, p.slug, p.lead, p.body, p.dateline,
         p.issued_at AS "issuedAt", p.created_at AS "createdAt", p.updated_at AS "updatedAt",
         p.published_at AS "publishedAt", p.locale,
         (SELECT row_to_json(s) FROM (SELECT so.id, so.document_id AS "documentId", so.name, so.short_name AS "shortName", so.url
            FROM press_releases_source_lnk l JOIN sources so ON so.id = l.source_id WHERE l.press_release_id = p.id) s) AS source,
         (SELECT coalesce(json_agg(t ORDER BY t.ord), '[]') FROM (SELECT tp.id, tp.document_id AS "documentId", tp.name, tp.slug, tp.locale, l.topic_ord AS ord
            FROM press_releases_topics_lnk l JOIN topics tp ON tp.id = l.topic_id WHERE l.press_release_id = p.id) t) AS topics,
         (SELECT coalesce(json_agg(e ORDER BY e.ord), '[]') FROM (SELECT en.id, en.document_id AS "documentId", en.name, en.kind, en.uri, en.locale, l.entity_ord AS ord
            FROM press_releases_entities_lnk l JOIN entities en ON en.id = l.entity_id WHERE l.press_release_id = p.id) e) AS entities
  FROM press_releases p
  WHERE p.locale = $1 AND p.published_at IS NOT NULL AND (p.embargo_until IS NULL OR p.embargo_until <= now())
  ORDER BY p.published_at DESC, p.id DESC
  LIMIT 25`;

if (mode === 'l0') {
  const body = readFileSync(String(process.env.ANCHOR_BODY_FILE));
  const etag = String(process.env.ANCHOR_ETAG);
  createServer((req, res) => {
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag }).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', etag }).end(body);
  }).listen(port, '127.0.0.1', () => process.send?.('ready'));
} else if (mode === 'l1') {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  createServer(async (_req, res) => {
    try {
      const { rows } = await pool.query(LIST_SQL, ['ru']);
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ data: rows, meta: {} }));
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  }).listen(port, '127.0.0.1', () => process.send?.('ready'));
} else {
  console.error('usage: anchors.ts l0|l1');
  process.exit(2);
}
