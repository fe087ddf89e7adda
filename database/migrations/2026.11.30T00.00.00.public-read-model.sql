-- The public read model (src/read-side/read-model/): one row per published (document, locale) of a press release,
-- holding its public JSON as the document service and the public output sanitiser give it, and the columns public
-- reads filter, sort, join and search on. Only that module writes here; it replaces press_release_search.
-- Strapi runs user migrations before it syncs its own tables, so nothing here refers to press_releases: the
-- rows are written by the module on every write and rebuilt at start when they are out of step.
CREATE TABLE IF NOT EXISTS newsroom_public_releases (
  row_id integer PRIMARY KEY, -- the published row's id in press_releases (the `id` the public sees)
  document_id varchar(255) NOT NULL,
  locale varchar(255) NOT NULL,
  slug varchar(255),
  headline text NOT NULL,
  published_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  -- The moment the public may see it: publication or the end of its embargo, whichever is later.
  visible_from timestamptz NOT NULL,
  topic_ids text[] NOT NULL DEFAULT '{}', -- document ids of what the public JSON shows
  entity_ids text[] NOT NULL DEFAULT '{}',
  source_id text,
  media_ids integer[] NOT NULL DEFAULT '{}', -- upload file ids (cover, SEO image)
  public_json text NOT NULL, -- without `localizations`, which depend on the clock and are joined at read time
  localization_json text NOT NULL, -- this row as an entry of another locale's `localizations`
  body_text text NOT NULL,
  search_document tsvector NOT NULL
);
CREATE INDEX IF NOT EXISTS newsroom_public_releases_list ON newsroom_public_releases (locale, published_at DESC, row_id DESC) INCLUDE (visible_from);
CREATE INDEX IF NOT EXISTS newsroom_public_releases_slug ON newsroom_public_releases (locale, slug);
CREATE INDEX IF NOT EXISTS newsroom_public_releases_document ON newsroom_public_releases (document_id);
CREATE INDEX IF NOT EXISTS newsroom_public_releases_visible_from ON newsroom_public_releases (visible_from);
CREATE INDEX IF NOT EXISTS newsroom_public_releases_topics ON newsroom_public_releases USING GIN (topic_ids);
CREATE INDEX IF NOT EXISTS newsroom_public_releases_entities ON newsroom_public_releases USING GIN (entity_ids);
CREATE INDEX IF NOT EXISTS newsroom_public_releases_media ON newsroom_public_releases USING GIN (media_ids);
CREATE INDEX IF NOT EXISTS newsroom_public_releases_source ON newsroom_public_releases (source_id);
CREATE INDEX IF NOT EXISTS newsroom_public_releases_search ON newsroom_public_releases USING GIN (search_document);

-- Rows per locale, kept by the triggers below in the writing transaction: a list's total is this minus the few
-- rows still waiting for their moment, instead of a count over every row of the locale on each uncached page.
CREATE TABLE IF NOT EXISTS newsroom_public_release_totals (
  locale varchar(255) PRIMARY KEY,
  releases integer NOT NULL
);

CREATE OR REPLACE FUNCTION newsroom_public_release_totals_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- In locale order, so that two writers touching the same locales lock their counters in the same order.
  INSERT INTO newsroom_public_release_totals AS t (locale, releases)
  SELECT locale, count(*) FROM added GROUP BY locale ORDER BY locale
  ON CONFLICT (locale) DO UPDATE SET releases = t.releases + excluded.releases;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION newsroom_public_release_totals_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO newsroom_public_release_totals AS t (locale, releases)
  SELECT locale, -count(*) FROM removed GROUP BY locale ORDER BY locale
  ON CONFLICT (locale) DO UPDATE SET releases = t.releases + excluded.releases;
  RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS newsroom_public_releases_added ON newsroom_public_releases;
CREATE TRIGGER newsroom_public_releases_added AFTER INSERT ON newsroom_public_releases
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION newsroom_public_release_totals_added();
DROP TRIGGER IF EXISTS newsroom_public_releases_removed ON newsroom_public_releases;
CREATE TRIGGER newsroom_public_releases_removed AFTER DELETE ON newsroom_public_releases
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION newsroom_public_release_totals_removed();

-- The search rows now live in the read model.
DROP TABLE IF EXISTS press_release_search;

-- A digest of the published row's own columns as press_releases stores them (src/read-side/read-model/): the start-up
-- check compares it to find rows written while the model was not kept (an older version of the app, a restore).
ALTER TABLE newsroom_public_releases ADD COLUMN IF NOT EXISTS source_stamp text;

-- What the rows were built with (the public shape and the schemas it reads): another fingerprint at start
-- means the code changed how a release looks to the public, and every row is rebuilt.
CREATE TABLE IF NOT EXISTS newsroom_public_release_model (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  fingerprint text NOT NULL,
  built_at timestamptz NOT NULL DEFAULT now()
);
