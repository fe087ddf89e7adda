-- Go-live events (src/delivery/go-live/): which public releases the frontend webhook has been told are live, which read-model
-- rows changed since the last look, and the events waiting to be delivered.

-- One row per (document, locale) announced as live, with the version announced (the public row's updated_at).
CREATE TABLE IF NOT EXISTS newsroom_announced_releases (
  document_id varchar(255) NOT NULL,
  locale varchar(255) NOT NULL,
  announced_version timestamptz NOT NULL,
  announced_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (document_id, locale)
);
-- What is public when this table arrives went live before it: nothing to announce for it.
INSERT INTO newsroom_announced_releases (document_id, locale, announced_version)
SELECT document_id, locale, updated_at FROM newsroom_public_releases WHERE visible_from <= now()
ON CONFLICT DO NOTHING;

-- Read-model rows written or removed since the last look (filled by triggers, in the writing transaction).
CREATE TABLE IF NOT EXISTS newsroom_release_changes (
  document_id varchar(255) NOT NULL,
  locale varchar(255) NOT NULL,
  PRIMARY KEY (document_id, locale)
);

CREATE OR REPLACE FUNCTION newsroom_release_changes_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO newsroom_release_changes (document_id, locale)
  SELECT DISTINCT document_id, locale FROM added ORDER BY 1, 2 ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION newsroom_release_changes_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO newsroom_release_changes (document_id, locale)
  SELECT DISTINCT document_id, locale FROM removed ORDER BY 1, 2 ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS newsroom_release_changes_added ON newsroom_public_releases;
CREATE TRIGGER newsroom_release_changes_added AFTER INSERT ON newsroom_public_releases
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION newsroom_release_changes_added();
DROP TRIGGER IF EXISTS newsroom_release_changes_removed ON newsroom_public_releases;
CREATE TRIGGER newsroom_release_changes_removed AFTER DELETE ON newsroom_public_releases
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION newsroom_release_changes_removed();

-- Up to when embargo ends have been looked at (one row): an embargo that ends while every instance is down is
-- found at the next start, since its visible_from lies between this and the new look's moment.
CREATE TABLE IF NOT EXISTS newsroom_go_live_state (
  id integer PRIMARY KEY CHECK (id = 1),
  swept_until timestamptz NOT NULL
);
INSERT INTO newsroom_go_live_state (id, swept_until) VALUES (1, now()) ON CONFLICT DO NOTHING;

-- Events for the frontend webhook, written in the transaction that decided them, deleted once delivered.
CREATE TABLE IF NOT EXISTS newsroom_webhook_outbox (
  id bigserial PRIMARY KEY,
  event varchar(64) NOT NULL,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error text
);
CREATE INDEX IF NOT EXISTS newsroom_webhook_outbox_due ON newsroom_webhook_outbox (next_attempt_at, id);
