/**
 * The bare-Node anchors, each in its own process like the app:
 *   L0 — `http` sending fixed bytes from memory (ANCHOR_BODY_FILE), 304 on a matching If-None-Match: with only the
 *        ETag, or with the headers in ANCHOR_304_HEADERS_FILE (the app's, to tell its work from its bytes);
 *   L1 — `http` + `pg` running the list query with the joins of the full public populate (published
 *        releases with source, topics, entities, cover, SEO component with its image, published
 *        localizations) and serialising it, no framework in between. It does not count the locale's releases.
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
         (SELECT row_to_json(s) FROM (SELECT so.id, so.document_id AS "documentId", so.name,
              so.short_name AS "shortName", so.url
            FROM press_releases_source_lnk l JOIN sources so ON so.id = l.source_id
            WHERE l.press_release_id = p.id) s) AS source,
         (SELECT coalesce(json_agg(t ORDER BY t.ord), '[]') FROM (SELECT tp.id, tp.document_id AS "documentId",
              tp.name, tp.slug, tp.locale, l.topic_ord AS ord
            FROM press_releases_topics_lnk l JOIN topics tp ON tp.id = l.topic_id
            WHERE l.press_release_id = p.id) t) AS topics,
         (SELECT coalesce(json_agg(e ORDER BY e.ord), '[]') FROM (SELECT en.id, en.document_id AS "documentId",
              en.name, en.kind, en.uri, en.locale, l.entity_ord AS ord
            FROM press_releases_entities_lnk l JOIN entities en ON en.id = l.entity_id
            WHERE l.press_release_id = p.id) e) AS entities,
         (SELECT row_to_json(f) FROM (SELECT fi.id, fi.document_id AS "documentId", fi.name,
              fi.alternative_text AS "alternativeText", fi.caption,
              fi.width, fi.height, fi.formats, fi.hash, fi.ext, fi.mime, fi.size::float8 AS size, fi.url,
              fi.preview_url AS "previewUrl", fi.provider
            FROM files_related_mph m JOIN files fi ON fi.id = m.file_id
            WHERE m.related_id = p.id AND m.related_type = 'api::press-release.press-release' AND m.field = 'cover'
            ORDER BY m."order" LIMIT 1) f) AS cover,
         (SELECT row_to_json(c) FROM (SELECT s.id, s.meta_title AS "metaTitle",
              s.meta_description AS "metaDescription", s.canonical_url AS "canonicalUrl",
            (SELECT row_to_json(i) FROM (SELECT fi.id, fi.url, fi.alternative_text AS "alternativeText", fi.width,
                 fi.height, fi.mime
               FROM files_related_mph m JOIN files fi ON fi.id = m.file_id
               WHERE m.related_id = s.id AND m.related_type = 'shared.seo' AND m.field = 'image'
               ORDER BY m."order" LIMIT 1) i) AS image
            FROM press_releases_cmps pc JOIN components_shared_seos s ON s.id = pc.cmp_id
            WHERE pc.entity_id = p.id AND pc.component_type = 'shared.seo' AND pc.field = 'seo'
            ORDER BY pc."order" LIMIT 1) c) AS seo,
         (SELECT coalesce(json_agg(o ORDER BY o.id), '[]') FROM (SELECT x.id, x.document_id AS "documentId",
              x.locale, x.slug, x.headline
            FROM press_releases x
            WHERE x.document_id = p.document_id AND x.id <> p.id AND x.published_at IS NOT NULL) o) AS localizations
  FROM press_releases p
  WHERE p.locale = $1 AND p.published_at IS NOT NULL AND (p.embargo_until IS NULL OR p.embargo_until <= now())
  ORDER BY p.published_at DESC, p.id DESC
  LIMIT 25`;

if (mode === 'l0') {
  const body = readFileSync(String(process.env.ANCHOR_BODY_FILE));
  const etag = String(process.env.ANCHOR_ETAG);
  const headersFile = process.env.ANCHOR_304_HEADERS_FILE;
  const notModified = headersFile ? (JSON.parse(readFileSync(headersFile, 'utf8')) as string[]) : ['etag', etag];
  createServer((req, res) => {
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, notModified).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', etag }).end(body);
  }).listen(port, '127.0.0.1', () => process.send?.('ready'));
} else if (mode === 'l1') {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  createServer(async (_req, res) => {
    try {
      const { rows } = await pool.query(LIST_SQL, ['ru']);
      res
        .writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
        .end(JSON.stringify({ data: rows, meta: {} }));
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  }).listen(port, '127.0.0.1', () => process.send?.('ready'));
} else {
  console.error('usage: anchors.ts l0|l1');
  process.exit(2);
}
