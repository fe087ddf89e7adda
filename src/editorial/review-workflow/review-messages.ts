import type { Bilingual } from '../editor-messages/editor-language';
import { STAGE_NAMES, type ReviewStage } from './review-stages';

/** What the review workflow tells an editor it refused, in the panel's two languages. */
export const REVIEW_MESSAGES = {
  mayNotMove: (from: ReviewStage, to: ReviewStage): Bilingual => ({
    en:
      `You cannot move this release from "${STAGE_NAMES[from].en}" to "${STAGE_NAMES[to].en}": only an editor ` +
      `approves a release or takes back an approval. Authors move releases between "Draft" and "In review".`,
    ru:
      `Вы не можете перевести этот релиз из этапа «${STAGE_NAMES[from].ru}» в «${STAGE_NAMES[to].ru}»: одобряет ` +
      `релиз или снимает одобрение только редактор. Авторы переводят релизы между этапами «Черновик» и «На проверке».`,
  }),
  changedAfterApproval: (headline: string | null, locale: string, by: string, at: Date): Bilingual => ({
    en:
      `"${headline}" (${locale}) cannot be published: it was changed after its approval ` +
      `(${by}, ${at.toISOString()}). An editor must approve it again before it is published.`,
    ru:
      `«${headline}» (${locale}) нельзя опубликовать: его изменили после одобрения (${by}, ${at.toISOString()}). ` +
      `Редактор должен снова одобрить его, прежде чем он будет опубликован.`,
  }),
  notApproved: (headline: string | null, locale: string): Bilingual => ({
    en:
      `"${headline}" (${locale}) cannot be published: it has not been approved. An editor sets its review stage ` +
      `to "Approved" and saves; then it can be published.`,
    ru:
      `«${headline}» (${locale}) нельзя опубликовать: он не одобрен. Редактор выбирает этап проверки «Одобрен» ` +
      `и сохраняет; после этого его можно опубликовать.`,
  }),
  mayNotDeletePublished: (): Bilingual => ({
    en:
      'You cannot delete a published release: only an editor unpublishes or deletes it. A draft that was never ' +
      'published you may delete.',
    ru:
      'Вы не можете удалить опубликованный релиз: снять его с публикации или удалить может только редактор. ' +
      'Черновик, который ни разу не публиковался, удалить можно.',
  }),
};
