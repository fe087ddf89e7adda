/**
 * The review stages of a release's locale, in the order a release goes through them. The values are the
 * `reviewStage` enumeration of the press-release schema (the admin panel shows them through field-labels.ts).
 */
export const REVIEW_STAGES = ['draft', 'in_review', 'approved'] as const;
export type ReviewStage = (typeof REVIEW_STAGES)[number];

/** A row written before stages existed has none: it is a draft. */
export function stageOf(value: unknown): ReviewStage {
  return (REVIEW_STAGES as readonly unknown[]).includes(value) ? (value as ReviewStage) : 'draft';
}

export const STAGE_NAMES: Record<ReviewStage, { en: string; ru: string }> = {
  draft: { en: 'Draft', ru: 'Черновик' },
  in_review: { en: 'In review', ru: 'На проверке' },
  approved: { en: 'Approved', ru: 'Одобрен' },
};
