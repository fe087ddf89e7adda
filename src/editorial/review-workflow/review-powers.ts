import { EDITOR_ROLE_CODE, SUPER_ADMIN_ROLE_CODE } from '../newsroom-setup/editor-role';
import { REVIEW_STAGES, type ReviewStage } from './review-stages';

/**
 * What an acting admin user may do in the review workflow, by their role codes; `null` is a
 * write with no admin user (seed, import, scripts, API tokens, which only super admins create), trusted like one.
 */
export interface ReviewPowers {
  /** Publishes whatever the review stage says. */
  skipsReview: boolean;
  /** Approves, moves a release to any stage, and deletes published releases. */
  reviews: boolean;
  /** The stages this user may move a release between, when they do not review. */
  movesBetween: readonly ReviewStage[];
}

export function reviewPowersOf(roleCodes: readonly string[] | null): ReviewPowers {
  const all = REVIEW_STAGES;
  if (roleCodes === null || roleCodes.includes(SUPER_ADMIN_ROLE_CODE)) {
    return { skipsReview: true, reviews: true, movesBetween: all };
  }
  if (roleCodes.includes(EDITOR_ROLE_CODE)) return { skipsReview: false, reviews: true, movesBetween: all };
  // Authors, and any role a super admin makes in Settings: they submit for review, nothing more.
  return { skipsReview: false, reviews: false, movesBetween: ['draft', 'in_review'] };
}
