import type { Knex } from 'knex';
import { PUBLIC_RELEASES, publicNow, visibleSql } from '../../read-side/visibility';
import { MATCH_END, MATCH_START, snippetHtml } from './search-snippet';
import type { SearchRequest } from './search-request';

export interface SearchHit {
  documentId: string;
  locale: string;
  slug: string | null;
  kicker: string | null;
  headline: string;
  lead: string | null;
  publishedAt: string;
  rank: number;
  snippet: string;
}

export interface SearchResult {
  hits: SearchHit[];
  total: number;
  /** True when more releases match than were ranked (see SEARCH_CANDIDATE_LIMIT). */
  totalIsCapped: boolean;
}

/**
 * Ranking reads every candidate's tsvector, so its cost grows with the number of matches; a word found in
 * nearly every release would rank the whole corpus. Only the newest matches are ranked (the GIN index
 * finds them), which bounds the work whatever the corpus size: for a news service, recent relevance wins.
 */
export const SEARCH_CANDIDATE_LIMIT = 1000;

const HEADLINE_OPTIONS =
  `StartSel=${MATCH_START}, StopSel=${MATCH_END}, ` +
  `MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`;

export async function searchPressReleases(
  knex: Knex,
  request: SearchRequest,
  now: Date = publicNow(),
): Promise<SearchResult> {
  const offset = (request.page - 1) * request.pageSize;
  const result = await knex.raw(
    `
    WITH query AS (
      SELECT websearch_to_tsquery(newsroom_search_config(:locale), :q) AS tsq
    ),
    candidates AS (
      SELECT s.row_id, s.search_document, s.body_text, s.published_at
      FROM ${PUBLIC_RELEASES} s
      -- The tsquery is written out here, not taken from the query CTE: the planner then sees the words and
      -- picks the GIN index for a rare one, or walks the newest rows in date order for a common one.
      WHERE s.locale = :locale AND s.search_document @@ websearch_to_tsquery(newsroom_search_config(:locale), :q)
        AND ${visibleSql('s')}
      ORDER BY s.published_at DESC, s.row_id DESC
      LIMIT :candidateLimit
    ),
    ranked AS (
      SELECT c.*, ts_rank_cd(c.search_document, query.tsq) AS rank, count(*) OVER () AS total
      FROM candidates c, query
      ORDER BY rank DESC, c.published_at DESC, c.row_id DESC
      LIMIT :limit OFFSET :offset
    )
    SELECT p.document_id, p.locale, p.slug, p.public_json::json ->> 'kicker' AS kicker, p.headline,
           p.public_json::json ->> 'lead' AS lead, p.published_at, r.rank, r.total,
           ts_headline(newsroom_search_config(:locale), r.body_text, query.tsq, :headlineOptions) AS snippet
    FROM ranked r
    JOIN ${PUBLIC_RELEASES} p ON p.row_id = r.row_id
    CROSS JOIN query
    ORDER BY r.rank DESC, r.published_at DESC, r.row_id DESC`,
    {
      locale: request.locale,
      q: request.q,
      now,
      candidateLimit: SEARCH_CANDIDATE_LIMIT,
      limit: request.pageSize,
      offset,
      headlineOptions: HEADLINE_OPTIONS,
    },
  );
  const rows = result.rows as Record<string, unknown>[];
  let total = rows.length > 0 ? Number(rows[0].total) : 0;
  if (rows.length === 0 && offset > 0) {
    // Past the last page: count the matches so the pagination meta stays truthful.
    const counted = await knex.raw(
      `SELECT count(*) AS total FROM (
         SELECT 1 FROM ${PUBLIC_RELEASES} s
         WHERE s.locale = :locale AND ${visibleSql('s')}
           AND s.search_document @@ websearch_to_tsquery(newsroom_search_config(:locale), :q)
         LIMIT :candidateLimit) m`,
      { locale: request.locale, q: request.q, now, candidateLimit: SEARCH_CANDIDATE_LIMIT },
    );
    total = Number(counted.rows[0].total);
  }
  return {
    total,
    totalIsCapped: total >= SEARCH_CANDIDATE_LIMIT,
    hits: rows.map((row) => ({
      documentId: String(row.document_id),
      locale: String(row.locale),
      slug: (row.slug as string | null) ?? null,
      kicker: (row.kicker as string | null) ?? null,
      headline: String(row.headline),
      lead: (row.lead as string | null) ?? null,
      publishedAt: new Date(row.published_at as string).toISOString(),
      rank: Number(row.rank),
      snippet: snippetHtml(String(row.snippet ?? '')),
    })),
  };
}
