-- The published row's embargo end, copied into the search table with the rest of the row, so that a search
-- needs no lookup in press_releases per candidate to leave embargoed releases out (1,000 lookups for a word
-- in nearly every release: about a third of the statement's time at 100,000 releases). Rows indexed before
-- this column existed are filled in by the start-up check (src/channels/search/search-index.ts), which rebuilds the
-- index when a copied embargo differs from its release's: press_releases may not exist yet at this point.
ALTER TABLE press_release_search ADD COLUMN IF NOT EXISTS embargo_until timestamp(6);
