-- Full-text search for published press releases (Strapi has none). Strapi runs user migrations before it
-- syncs its own tables, so nothing here refers to press_releases: the rows are written by the
-- press-release search middleware (src/channels/search/) whenever a release is created, updated, published,
-- unpublished or deleted, and rebuilt at start when the table is out of step.

-- The text-search configuration for a locale: Russian and English stemming, `simple` for the rest (az).
CREATE OR REPLACE FUNCTION newsroom_search_config(locale text) RETURNS regconfig
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE split_part(locale, '-', 1)
    WHEN 'ru' THEN 'pg_catalog.russian'::regconfig
    WHEN 'en' THEN 'pg_catalog.english'::regconfig
    ELSE 'pg_catalog.simple'::regconfig
  END
$$;

-- Plain text of a Strapi blocks document: every "text" leaf, in order.
CREATE OR REPLACE FUNCTION newsroom_blocks_text(body jsonb) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(string_agg(leaf #>> '{}', ' '), '')
  FROM jsonb_path_query(coalesce(body, '[]'::jsonb), 'strict $.**.text') AS leaf
$$;

-- Weighted document: headline A, kicker and lead B, body C.
CREATE OR REPLACE FUNCTION newsroom_release_tsvector(locale text, headline text, kicker text, lead text, body_text text)
RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT setweight(to_tsvector(newsroom_search_config(locale), coalesce(headline, '')), 'A')
      || setweight(to_tsvector(newsroom_search_config(locale), coalesce(kicker, '') || ' ' || coalesce(lead, '')), 'B')
      || setweight(to_tsvector(newsroom_search_config(locale), coalesce(body_text, '')), 'C')
$$;

-- One row per published locale of a release (row_id is the published row's id in press_releases).
CREATE TABLE IF NOT EXISTS press_release_search (
  row_id integer PRIMARY KEY,
  document_id varchar(255) NOT NULL,
  locale varchar(255) NOT NULL,
  published_at timestamp(6) NOT NULL,
  body_text text NOT NULL,
  document tsvector NOT NULL
);
CREATE INDEX IF NOT EXISTS press_release_search_document_gin ON press_release_search USING GIN (document);
CREATE INDEX IF NOT EXISTS press_release_search_locale_published ON press_release_search (locale, published_at DESC, row_id DESC);
CREATE INDEX IF NOT EXISTS press_release_search_document_id ON press_release_search (document_id);
