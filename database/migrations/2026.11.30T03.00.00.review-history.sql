-- Review stages (src/editorial/review-workflow/): who moved which locale of a release to which stage, and when. Names and
-- emails are copied, not linked, so that the record outlives the admin accounts (and the releases) it names.
CREATE TABLE IF NOT EXISTS newsroom_review_history (
  id bigserial PRIMARY KEY,
  document_id varchar(255) NOT NULL,
  locale varchar(255) NOT NULL,
  from_stage varchar(32) NOT NULL,
  to_stage varchar(32) NOT NULL,
  -- The admin user who moved it; none for a write with no admin user (seed, import, API token: see actor_name).
  user_id integer,
  actor_name text NOT NULL,
  actor_email text,
  -- On a move to approved: the fingerprint of the content approved, which a publish must still match.
  content_fingerprint varchar(64),
  moved_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS newsroom_review_history_release ON newsroom_review_history (document_id, locale, id);
