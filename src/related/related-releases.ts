import { notEmbargoedSql } from '../embargo/embargo-filter';
import type { Knex } from 'knex';

export interface RelatedMatch {
  documentId: string;
  score: number;
}

/**
 * Published releases in the same locale that share topics or entities with the given one, best match first
 * (shared links counted), newest first among equals.
 */
export async function relatedReleaseIds(
  knex: Knex,
  documentId: string,
  locale: string,
  limit: number,
  now: Date = new Date(),
): Promise<RelatedMatch[]> {
  const result = await knex.raw(
    `
    WITH me AS (
      SELECT id FROM press_releases
      WHERE document_id = :documentId AND locale = :locale AND published_at IS NOT NULL AND ${notEmbargoedSql('press_releases')}
    ),
    shared AS (
      SELECT other.press_release_id AS id FROM press_releases_topics_lnk mine
      JOIN press_releases_topics_lnk other ON other.topic_id = mine.topic_id
      WHERE mine.press_release_id IN (SELECT id FROM me)
      UNION ALL
      SELECT other.press_release_id AS id FROM press_releases_entities_lnk mine
      JOIN press_releases_entities_lnk other ON other.entity_id = mine.entity_id
      WHERE mine.press_release_id IN (SELECT id FROM me)
    )
    SELECT p.document_id, count(*) AS score, max(p.published_at) AS published_at
    FROM shared JOIN press_releases p ON p.id = shared.id
    WHERE p.published_at IS NOT NULL AND p.published_at <= :now AND ${notEmbargoedSql('p')}
      AND p.locale = :locale AND p.document_id <> :documentId
    GROUP BY p.document_id
    ORDER BY score DESC, published_at DESC, p.document_id
    LIMIT :limit`,
    { documentId, locale, limit, now },
  );
  return (result.rows as { document_id: string; score: string }[]).map((row) => ({
    documentId: row.document_id,
    score: Number(row.score),
  }));
}
