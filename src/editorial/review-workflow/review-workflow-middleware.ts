import type { Core, Modules } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PRESS_RELEASE_UID } from '../../platform/content-model/content-type-uids';
import { reviewPowersOf, type ReviewPowers } from './review-powers';
import { PUBLISHED_VERSION_WHERE } from '../../read-side/visibility';
import { isPublish } from '../../platform/content-model/document-writes';
import { defaultLocaleOf } from '../../platform/content-model/locales';
import { actingUser, type ActingUser as Actor } from '../../platform/request-context/acting-user';
import { draftFingerprint } from './content-fingerprint';
import { lastStageMove, recordStageMove } from './review-history';
import { REVIEW_STAGES, stageOf, type ReviewStage } from './review-stages';
import { inEditorLanguage } from '../editor-messages/editor-language';
import { REVIEW_MESSAGES } from './review-messages';

type Params = {
  documentId?: string;
  locale?: string | string[];
  status?: string;
  data?: { reviewStage?: unknown };
};
type Middleware = Modules.Documents.Middleware.Middleware;
type Next = Parameters<Middleware>[1];
type Draft = { locale: string; headline: string | null; reviewStage: unknown };

const drafts = (strapi: Core.Strapi, documentId: string, locales?: string[]): Promise<Draft[]> =>
  strapi.db.query(PRESS_RELEASE_UID).findMany({
    select: ['locale', 'headline', 'reviewStage'],
    where: { documentId, publishedAt: null, ...(locales ? { locale: { $in: locales } } : {}) },
  }) as Promise<Draft[]>;

/** The locales a write names: one, several, every one ('*', as undefined here), or the default one. */
async function localesOf(strapi: Core.Strapi, asked: Params['locale']): Promise<string[] | undefined> {
  if (asked === '*') return undefined;
  if (Array.isArray(asked)) return asked;
  return [asked || (await defaultLocaleOf(strapi))];
}

const isStage = (value: unknown): value is ReviewStage => (REVIEW_STAGES as readonly unknown[]).includes(value);

/**
 * Refuses a stage move this user may not make: Authors move between draft and in review, nothing more. Refusals of a
 * role are PolicyErrors: Strapi's route authorisation turns any other 403 into a bare "Forbidden".
 */
function assertMayMove(strapi: Core.Strapi, powers: ReviewPowers, from: ReviewStage, to: ReviewStage): void {
  if (from === to || (powers.movesBetween.includes(from) && powers.movesBetween.includes(to))) return;
  throw new errors.PolicyError(inEditorLanguage(strapi, REVIEW_MESSAGES.mayNotMove(from, to)));
}

/**
 * A locale approved whose content has changed since (here or through the fields all locales share) goes back to
 * in review, so that the list shows the truth and a publish asks for a new approval.
 */
async function withdrawChangedApprovals(strapi: Core.Strapi, documentId: string, actor: Actor): Promise<void> {
  for (const draft of await drafts(strapi, documentId)) {
    if (stageOf(draft.reviewStage) !== 'approved') continue;
    const approval = await lastStageMove(strapi, documentId, draft.locale);
    const fingerprint = await draftFingerprint(strapi, documentId, draft.locale);
    if (approval?.to_stage === 'approved' && approval.content_fingerprint === fingerprint) continue;
    await strapi.db.query(PRESS_RELEASE_UID).updateMany({
      where: { documentId, locale: draft.locale, publishedAt: null },
      data: { reviewStage: 'in_review' },
    });
    await recordStageMove(strapi, { documentId, locale: draft.locale, from: 'approved', to: 'in_review' }, actor);
  }
}

/** Refuses to publish a locale that is not approved, or whose content changed after its approval. */
async function assertApproved(strapi: Core.Strapi, documentId: string, locales: string[] | undefined): Promise<void> {
  for (const draft of await drafts(strapi, documentId, locales)) {
    const last = await lastStageMove(strapi, documentId, draft.locale);
    const approved = stageOf(draft.reviewStage) === 'approved';
    // Approved, and still saying what was approved (a change that bypassed the Document Service is caught here).
    if (approved && last?.to_stage === 'approved') {
      if (last.content_fingerprint === (await draftFingerprint(strapi, documentId, draft.locale))) continue;
    }
    // Taken back by an edit: say so, so the editor knows why an approved release needs approving again.
    if (last && (approved || last.from_stage === 'approved')) {
      throw new errors.ValidationError(
        inEditorLanguage(
          strapi,
          REVIEW_MESSAGES.changedAfterApproval(draft.headline, draft.locale, last.actor_name, last.moved_at),
        ),
      );
    }
    throw new errors.ValidationError(
      inEditorLanguage(strapi, REVIEW_MESSAGES.notApproved(draft.headline, draft.locale)),
    );
  }
}

/** Refuses to delete a published release, unless the user reviews (Editors); a never-published draft may go. */
async function assertMayDelete(strapi: Core.Strapi, params: Params): Promise<void> {
  if (!params.documentId) return;
  const locales = await localesOf(strapi, params.locale);
  const published = await strapi.db.query(PRESS_RELEASE_UID).count({
    where: {
      documentId: params.documentId,
      ...PUBLISHED_VERSION_WHERE,
      ...(locales ? { locale: { $in: locales } } : {}),
    },
  });
  if (published > 0) {
    throw new errors.PolicyError(inEditorLanguage(strapi, REVIEW_MESSAGES.mayNotDeletePublished()));
  }
}

/** A create or update: checks the stage move asked for, records it, and withdraws approvals the write outdated. */
async function writeDraft(
  strapi: Core.Strapi,
  context: Modules.Documents.Middleware.Context,
  next: Next,
  actor: Actor,
  powers: ReviewPowers,
): ReturnType<Middleware> {
  const params = context.params as Params;
  const [locale] = (await localesOf(strapi, Array.isArray(params.locale) ? params.locale[0] : params.locale)) ?? [];
  const existing = params.documentId && locale ? await drafts(strapi, params.documentId, [locale]) : [];
  const from = stageOf(existing[0]?.reviewStage);
  const asked = params.data?.reviewStage;
  const to = isStage(asked) ? asked : from;
  assertMayMove(strapi, powers, from, to);
  const result = await next();
  const documentId = params.documentId ?? (result as { documentId?: string } | null)?.documentId;
  if (!documentId || !locale) return result;
  if (to !== from) {
    const fingerprint = to === 'approved' ? await draftFingerprint(strapi, documentId, locale) : null;
    await recordStageMove(strapi, { documentId, locale, from, to, fingerprint }, actor);
  }
  await withdrawChangedApprovals(strapi, documentId, actor);
  return result;
}

/**
 * Document Service middleware: the review workflow of press releases. Every locale has a review stage (draft, in
 * review, approved); what an admin user may do with it is decided by their role (editor-role.ts): Authors submit
 * drafts for review, Editors approve, and nobody but a super admin publishes a locale that is not approved or was
 * changed after its approval. Every path of the admin panel and its API (save, publish, bulk publish, delete) ends in
 * the Document Service, so this is the one place the rule is kept. Registered inside the read model's transaction:
 * a refusal takes the whole write back, and reaches the panel as a 4xx with its message.
 */
export function reviewWorkflowMiddleware(strapi: Core.Strapi): Middleware {
  return async (context, next) => {
    if (context.uid !== PRESS_RELEASE_UID) return next();
    const actor = actingUser(strapi);
    const powers = reviewPowersOf(actor.kind === 'admin' ? actor.roleCodes : null);
    const params = context.params as Params;
    if (isPublish(context)) {
      if (!powers.skipsReview && params.documentId) {
        await assertApproved(strapi, params.documentId, await localesOf(strapi, params.locale));
      }
      return next();
    }
    switch (context.action) {
      case 'create':
      case 'update':
        return writeDraft(strapi, context, next, actor, powers);
      case 'delete':
        if (!powers.reviews) await assertMayDelete(strapi, params);
        return next();
      case 'discardDraft':
      case 'clone': {
        const result = await next();
        const documentId = (result as { documentId?: string } | null)?.documentId ?? params.documentId;
        if (documentId) await withdrawChangedApprovals(strapi, documentId, actor);
        return result;
      }
      default:
        return next();
    }
  };
}
