-- Versions of press releases (src/editorial/release-versions/): one row per save of a (document, locale), draft or
-- published, written in the write's own transaction. The author's name and e-mail are copied, so a version
-- outlives the admin account that saved it.
CREATE TABLE IF NOT EXISTS newsroom_release_versions (
  id bigserial PRIMARY KEY,
  document_id varchar(255) NOT NULL,
  locale varchar(255) NOT NULL,
  status varchar(16) NOT NULL CHECK (status IN ('draft', 'published')),
  -- Why it was kept: save, publish, unpublish, discard (the draft set back to the published one), restore, import.
  reason varchar(16) NOT NULL,
  content jsonb NOT NULL,
  user_id integer,
  user_name text,
  user_email text,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX IF NOT EXISTS newsroom_release_versions_history
  ON newsroom_release_versions (document_id, locale, id DESC);
