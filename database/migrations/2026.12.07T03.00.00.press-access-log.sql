-- The press access log (src/press-access/press-access-log.ts): every read and download of a journalist, what it
-- was, of which release and from where. Not a content type, so neither the Content Manager nor the content API can
-- reach it; an Editor reads it per release (who has seen it before the lift).
CREATE TABLE IF NOT EXISTS newsroom_press_access_log (
  id bigserial PRIMARY KEY,
  occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  -- Copied, not referenced: an entry outlives the account and the outlet it names.
  journalist_id integer NOT NULL,
  journalist_email varchar(255),
  outlet_id integer,
  outlet_name varchar(255),
  document_id varchar(255) NOT NULL,
  locale varchar(32) NOT NULL,
  what varchar(16) NOT NULL CHECK (what IN ('list', 'read', 'ninjs', 'newsml', 'file', 'feed', 'page')),
  file_id integer,
  -- Whether the public could not see the release yet when the journalist did.
  before_lift boolean NOT NULL,
  client_ip varchar(64)
);
CREATE INDEX IF NOT EXISTS newsroom_press_access_log_release
  ON newsroom_press_access_log (document_id, occurred_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS newsroom_press_access_log_journalist
  ON newsroom_press_access_log (journalist_id, occurred_at DESC);

-- Append-only, as the audit trail: nothing changes or removes an entry, whoever asks.
CREATE OR REPLACE FUNCTION newsroom_press_access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the press access log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;

DROP TRIGGER IF EXISTS newsroom_press_access_log_append_only ON newsroom_press_access_log;
CREATE TRIGGER newsroom_press_access_log_append_only BEFORE UPDATE OR DELETE ON newsroom_press_access_log
  FOR EACH ROW EXECUTE FUNCTION newsroom_press_access_log_append_only();
DROP TRIGGER IF EXISTS newsroom_press_access_log_no_truncate ON newsroom_press_access_log;
CREATE TRIGGER newsroom_press_access_log_no_truncate BEFORE TRUNCATE ON newsroom_press_access_log
  FOR EACH STATEMENT EXECUTE FUNCTION newsroom_press_access_log_append_only();
