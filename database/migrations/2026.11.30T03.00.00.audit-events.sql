-- The audit trail (src/editorial/audit-trail/): who did what to which document or account, when, from where, with what
-- outcome. Not a content type, so neither the Content Manager nor the content API can reach it.

CREATE TABLE IF NOT EXISTS newsroom_audit_events (
  id bigserial PRIMARY KEY,
  occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  -- Copied, not referenced: an entry outlives the user it names. No user for a failed log-in: the email tried.
  actor_id integer,
  actor_email varchar(255),
  actor_name varchar(255),
  action varchar(64) NOT NULL,
  -- A content type uid (api::press-release.press-release) and documentId, or admin::user and its id, etc.
  subject_type varchar(255),
  subject_id varchar(255),
  locale varchar(32),
  client_ip varchar(64),
  http_method varchar(16),
  http_path varchar(512),
  status integer,
  outcome varchar(16) NOT NULL CHECK (outcome IN ('success', 'refused', 'failed')),
  message text,
  details jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX IF NOT EXISTS newsroom_audit_events_time ON newsroom_audit_events (occurred_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS newsroom_audit_events_actor ON newsroom_audit_events (actor_id, occurred_at DESC);
CREATE INDEX IF NOT EXISTS newsroom_audit_events_subject ON newsroom_audit_events (subject_id, occurred_at DESC);
CREATE INDEX IF NOT EXISTS newsroom_audit_events_action ON newsroom_audit_events (action, occurred_at DESC);

-- Append-only. The one exception is the retention purge (src/editorial/audit-trail/audit-retention.ts): its transaction names
-- a cut-off in the local setting newsroom.audit_purge_before, and only entries older than that cut-off, and never
-- one younger than a day, may go. Everything else that changes or removes a row is refused, whoever asks.
CREATE OR REPLACE FUNCTION newsroom_audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  purge_before text := current_setting('newsroom.audit_purge_before', true);
BEGIN
  IF TG_OP = 'DELETE' AND coalesce(purge_before, '') <> ''
     AND OLD.occurred_at < purge_before::timestamptz
     AND OLD.occurred_at < now() - interval '1 day' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'the audit trail is append-only: % of an entry refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE OR REPLACE FUNCTION newsroom_audit_events_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit trail is append-only: TRUNCATE refused' USING ERRCODE = 'insufficient_privilege';
END $$;

DROP TRIGGER IF EXISTS newsroom_audit_events_append_only ON newsroom_audit_events;
CREATE TRIGGER newsroom_audit_events_append_only BEFORE UPDATE OR DELETE ON newsroom_audit_events
  FOR EACH ROW EXECUTE FUNCTION newsroom_audit_events_append_only();
DROP TRIGGER IF EXISTS newsroom_audit_events_no_truncate ON newsroom_audit_events;
CREATE TRIGGER newsroom_audit_events_no_truncate BEFORE TRUNCATE ON newsroom_audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION newsroom_audit_events_no_truncate();
