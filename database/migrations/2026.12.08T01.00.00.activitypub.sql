-- ActivityPub (src/delivery/activitypub), when an operator turns it on: the newsroom actor's keys, who follows it,
-- and one delivery row per activity per inbox (followers on one server share its shared inbox: one row for them).

CREATE TABLE IF NOT EXISTS newsroom_activitypub_keys (
  -- 'RSASSA-PKCS1-v1_5' (HTTP signatures, as Mastodon verifies them) or 'Ed25519' (object integrity proofs).
  algorithm varchar(32) PRIMARY KEY,
  private_jwk jsonb NOT NULL,
  public_jwk jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS newsroom_activitypub_followers (
  actor_id text PRIMARY KEY,
  inbox text NOT NULL,
  shared_inbox text,
  followed_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS newsroom_activitypub_deliveries (
  id bigserial PRIMARY KEY,
  activity varchar(16) NOT NULL CHECK (activity IN ('Create', 'Update', 'Delete')),
  document_id varchar(255) NOT NULL,
  locale varchar(32) NOT NULL,
  -- The release's version the activity tells of (its id is made from it): the same change is queued once per inbox.
  version timestamptz NOT NULL,
  inbox text NOT NULL,
  state varchar(16) NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sending', 'sent', 'dropped', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  claim_token uuid,
  lease_until timestamptz,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  UNIQUE (activity, document_id, locale, version, inbox)
);
CREATE INDEX IF NOT EXISTS newsroom_activitypub_deliveries_due ON newsroom_activitypub_deliveries (next_attempt_at)
  WHERE state IN ('queued', 'sending');
