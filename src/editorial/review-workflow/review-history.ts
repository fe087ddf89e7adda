import type { Core } from '@strapi/strapi';
import { recordAuditEvent, type AuditRequest } from '../audit-trail/audit-event';
import { PRESS_RELEASE_UID } from '../../platform/content-model/content-type-uids';
import type { ActingUser as Actor } from '../../platform/request-context/acting-user';
import type { ReviewStage } from './review-stages';

/** The table of stage moves (database/migrations/*review-history.sql). */
export const REVIEW_HISTORY = 'newsroom_review_history';

export interface StageMove {
  documentId: string;
  locale: string;
  from: ReviewStage;
  to: ReviewStage;
  /** The approved content's fingerprint, on a move to approved. */
  fingerprint?: string | null;
}

export interface StageMoveRow {
  document_id: string;
  locale: string;
  from_stage: ReviewStage;
  to_stage: ReviewStage;
  user_id: number | null;
  actor_name: string;
  actor_email: string | null;
  content_fingerprint: string | null;
  moved_at: Date;
}

/**
 * Records a move, here and in the audit trail, in the write's own transaction (Strapi's connection joins it): a
 * refused write records nothing.
 */
export async function recordStageMove(strapi: Core.Strapi, move: StageMove, actor: Actor): Promise<void> {
  await strapi.db.connection(REVIEW_HISTORY).insert({
    document_id: move.documentId,
    locale: move.locale,
    from_stage: move.from,
    to_stage: move.to,
    user_id: actor.kind === 'admin' ? actor.id : null,
    actor_name: actor.name,
    actor_email: actor.kind === 'admin' ? actor.email : null,
    content_fingerprint: move.fingerprint ?? null,
  });
  await recordAuditEvent(strapi, strapi.requestContext.get() as AuditRequest | undefined, {
    action: 'content.stage-change',
    subjects: [{ type: PRESS_RELEASE_UID, id: move.documentId, locale: move.locale }],
    actor: actor.kind === 'admin' ? { id: actor.id, email: actor.email, name: actor.name } : { name: actor.name },
    details: { from: move.from, to: move.to },
  });
}

/** A locale's moves, oldest first. */
export async function stageMovesOf(strapi: Core.Strapi, documentId: string, locale?: string): Promise<StageMoveRow[]> {
  const query = strapi.db.connection(REVIEW_HISTORY).where({ document_id: documentId }).orderBy('id');
  if (locale) query.andWhere({ locale });
  return (await query.select('*')) as StageMoveRow[];
}

/** The last move of a locale, which says what its current stage was given for. */
export async function lastStageMove(
  strapi: Core.Strapi,
  documentId: string,
  locale: string,
): Promise<StageMoveRow | null> {
  const row = (await strapi.db
    .connection(REVIEW_HISTORY)
    .where({ document_id: documentId, locale })
    .orderBy('id', 'desc')
    .first('*')) as StageMoveRow | undefined;
  return row ?? null;
}
