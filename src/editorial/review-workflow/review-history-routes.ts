import type { Core } from '@strapi/strapi';
import { askedLocale, assertAllowed, releaseRow, type AdminContext } from '../release-versions/release-versions-admin';
import { stageMovesOf, type StageMoveRow } from './review-history';
import type { ReviewStage } from './review-stages';

/** Where the edit view's review-stage panel asks (src/admin/review-history/). */
export const REVIEW_HISTORY_PATH = '/newsroom/review-history';

/** A stage move as the admin panel shows it. */
export interface StageMoveView {
  from: ReviewStage;
  to: ReviewStage;
  movedAt: string;
  movedBy: { id: number | null; name: string; email: string | null };
}

const viewOf = (row: StageMoveRow): StageMoveView => ({
  from: row.from_stage,
  to: row.to_stage,
  movedAt: new Date(row.moved_at).toISOString(),
  movedBy: { id: row.user_id, name: row.actor_name, email: row.actor_email },
});

/**
 * `GET /newsroom/review-history/:documentId?locale=`: the stage moves of one locale of a release, newest first. An
 * admin route (the panel's log-in, never an API token) asking the Content Manager's read permission on the release,
 * like the version history beside it.
 */
export function registerReviewHistoryRoute(strapi: Core.Strapi): void {
  const list = async (ctx: AdminContext & { body: unknown }) => {
    const documentId = String(ctx.params.documentId);
    const locale = askedLocale(ctx);
    assertAllowed(strapi, ctx, await releaseRow(strapi, documentId, locale), 'read');
    ctx.body = { data: (await stageMovesOf(strapi, documentId, locale)).map(viewOf).reverse() };
  };
  strapi.server.routes({
    type: 'admin',
    prefix: '',
    routes: [
      {
        method: 'GET',
        path: `${REVIEW_HISTORY_PATH}/:documentId`,
        handler: list,
        config: { policies: ['admin::isAuthenticatedAdmin'] },
      },
    ],
  } as never);
}
