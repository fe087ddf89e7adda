-- Journalists' private Atom feeds (src/press-access/portal/private-feed.ts): at most one secret per journalist, kept
-- only as its SHA-256, so that neither the database nor a backup holds a working feed address. Replacing the secret
-- overwrites the row and revoking deletes it: the old address stops working with that write.
CREATE TABLE IF NOT EXISTS newsroom_press_feed_tokens (
  journalist_id integer PRIMARY KEY,
  token_sha256 char(64) NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);
