-- A journalist's download of a press kit under embargo (src/press-access/press-files.ts) is an entry of its own in
-- the press access log.
ALTER TABLE newsroom_press_access_log DROP CONSTRAINT IF EXISTS newsroom_press_access_log_what_check;
ALTER TABLE newsroom_press_access_log ADD CONSTRAINT newsroom_press_access_log_what_check
  CHECK (what IN ('list', 'read', 'ninjs', 'newsml', 'file', 'kit', 'feed', 'page'));
