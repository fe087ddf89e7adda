import type { Core } from '@strapi/strapi';
import { adjustPressReleaseViewOnce } from '../newsroom-setup/press-release-view';

/**
 * Puts the review stage in the Content Manager's list of press releases, once: Strapi adds a new field to the list
 * only when a type is first configured, and a column a super admin later removes in "Configure the view" stays gone.
 * The panel shows the stage's name, not its value (src/admin/review-history/review-stage-list.tsx).
 */
export async function ensureReviewStageColumn(strapi: Core.Strapi, marker = 'reviewStageColumnAdded'): Promise<void> {
  await adjustPressReleaseViewOnce(strapi, marker, (configuration) =>
    configuration.layouts.list.includes('reviewStage')
      ? configuration
      : {
          ...configuration,
          layouts: { ...configuration.layouts, list: [...configuration.layouts.list, 'reviewStage'] },
        },
  );
}
