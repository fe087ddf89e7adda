-- Notices to journalists (src/press-access/press-notices.ts): one row per release, journalist and kind ('shared':
-- a release was shared with them under embargo; 'lifted': its embargo ended), written once (the key) and marked
-- when sent, so that each journalist is told each thing once, whichever app instance looks.
CREATE TABLE IF NOT EXISTS newsroom_press_notices (
  document_id varchar(255) NOT NULL,
  journalist_id integer NOT NULL,
  kind varchar(16) NOT NULL CHECK (kind IN ('shared', 'lifted')),
  locale varchar(255) NOT NULL, -- the version the notice tells of (the journalist's language when there is one)
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  outcome varchar(16), -- sent, or dropped (the journalist may no longer see it, or has no address)
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  PRIMARY KEY (document_id, journalist_id, kind)
);
CREATE INDEX IF NOT EXISTS newsroom_press_notices_unsent ON newsroom_press_notices (created_at) WHERE sent_at IS NULL;
