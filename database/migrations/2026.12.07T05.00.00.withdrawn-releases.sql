-- Withdrawals that reach agencies (issue 28; src/read-side/read-model/withdrawn-releases.ts): a release (in a locale)
-- that stops being public after it was announced stays answerable as a canceled NewsML-G2 item and ninjs document for
-- WITHDRAWN_ITEM_DAYS. What is kept of it is who it was (its headline and source), never its text.
ALTER TABLE newsroom_announced_releases ADD COLUMN IF NOT EXISTS headline text;
ALTER TABLE newsroom_announced_releases ADD COLUMN IF NOT EXISTS source_json text;

CREATE TABLE IF NOT EXISTS newsroom_withdrawn_releases (
  document_id varchar(255) NOT NULL,
  locale varchar(255) NOT NULL,
  headline text,
  source_json text,
  -- The version the withdrawal was announced over, and when it was withdrawn.
  last_version timestamptz NOT NULL,
  withdrawn_at timestamptz NOT NULL,
  PRIMARY KEY (document_id, locale)
);
CREATE INDEX IF NOT EXISTS newsroom_withdrawn_releases_by_locale ON newsroom_withdrawn_releases (locale, withdrawn_at);
