-- Email subscriptions (src/delivery/subscriptions): who asked for which releases, the addresses no mail may go to,
-- and one outbox row per subscriber per release (its primary key is the promise: exactly once).

CREATE TABLE IF NOT EXISTS newsroom_subscribers (
  id bigserial PRIMARY KEY,
  -- Lower-cased; nothing else of the person is kept.
  email varchar(320) NOT NULL,
  -- The language of the emails, and of the releases they tell of.
  locale varchar(32) NOT NULL,
  -- Topic documentIds; none: every release in that language.
  topics text[] NOT NULL DEFAULT '{}',
  cadence varchar(16) NOT NULL DEFAULT 'instant' CHECK (cadence IN ('instant', 'daily')),
  status varchar(16) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed')),
  -- What the person agreed to, and when: the wording as it was shown.
  consent_at timestamptz NOT NULL,
  consent_text text NOT NULL,
  confirmed_at timestamptz,
  -- Confirmation emails sent, for the per-address limit.
  confirmations_sent integer NOT NULL DEFAULT 0,
  last_confirmation_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX IF NOT EXISTS newsroom_subscribers_email ON newsroom_subscribers (email);
CREATE INDEX IF NOT EXISTS newsroom_subscribers_confirmed ON newsroom_subscribers (locale) WHERE status = 'confirmed';

-- Addresses no mail goes to any more: a permanent failure, a complaint, an unsubscription by a provider's report.
CREATE TABLE IF NOT EXISTS newsroom_mail_suppressions (
  email varchar(320) PRIMARY KEY,
  reason varchar(32) NOT NULL,
  detail text,
  suppressed_at timestamptz NOT NULL DEFAULT now()
);

-- Releases gone live whose subscribers are still to be queued (written in the go-live sweep's transaction).
CREATE TABLE IF NOT EXISTS newsroom_subscription_releases (
  document_id varchar(255) NOT NULL,
  locale varchar(32) NOT NULL,
  went_live_at timestamptz NOT NULL,
  queued_at timestamptz,
  PRIMARY KEY (document_id, locale)
);

-- The outbox: one email per subscriber per release, whatever happens.
CREATE TABLE IF NOT EXISTS newsroom_subscription_mail (
  subscriber_id bigint NOT NULL REFERENCES newsroom_subscribers (id) ON DELETE CASCADE,
  document_id varchar(255) NOT NULL,
  locale varchar(32) NOT NULL,
  -- The same on every attempt: a message sent again after a crash is the same message to every mail system.
  message_id varchar(255) NOT NULL,
  -- held: waiting for the subscriber's daily digest (newsroom_subscription_digests), which sends it.
  state varchar(16) NOT NULL DEFAULT 'queued'
    CHECK (state IN ('queued', 'held', 'sending', 'sent', 'failed', 'dropped')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  -- While sending: which claim holds it, and until when; past that, another instance takes it over.
  claim_token uuid,
  lease_until timestamptz,
  sent_at timestamptz,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (subscriber_id, document_id)
);
CREATE INDEX IF NOT EXISTS newsroom_subscription_mail_due
  ON newsroom_subscription_mail (next_attempt_at) WHERE state IN ('queued', 'sending');

-- Daily digests: one per subscriber per day, sent under a lease as the outbox's rows are.
CREATE TABLE IF NOT EXISTS newsroom_subscription_digests (
  subscriber_id bigint NOT NULL REFERENCES newsroom_subscribers (id) ON DELETE CASCADE,
  digest_day date NOT NULL,
  message_id varchar(255) NOT NULL,
  state varchar(16) NOT NULL DEFAULT 'sending' CHECK (state IN ('sending', 'sent', 'failed')),
  claim_token uuid,
  lease_until timestamptz,
  attempts integer NOT NULL DEFAULT 0,
  sent_at timestamptz,
  last_error text,
  PRIMARY KEY (subscriber_id, digest_day)
);
CREATE INDEX IF NOT EXISTS newsroom_subscription_mail_held
  ON newsroom_subscription_mail (subscriber_id) WHERE state = 'held';

-- Requests to subscribe, counted per client and per address (the limits hold across instances).
CREATE TABLE IF NOT EXISTS newsroom_subscribe_requests (
  key varchar(80) NOT NULL,
  requested_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS newsroom_subscribe_requests_key ON newsroom_subscribe_requests (key, requested_at);
