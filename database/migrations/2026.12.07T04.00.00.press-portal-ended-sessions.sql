-- Portal sessions ended by a log-out (src/press-access/portal/portal-session.ts): a session's JWT names a random
-- session id, kept here as its SHA-256 until the JWT would have expired anyway, and refused from then on, so that a
-- session cookie copied before the log-out does not outlive it.
CREATE TABLE IF NOT EXISTS newsroom_press_ended_sessions (
  session_sha256 char(64) PRIMARY KEY,
  expires_at timestamptz NOT NULL
);
