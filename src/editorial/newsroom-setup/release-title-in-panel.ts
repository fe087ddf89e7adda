import type { Core } from '@strapi/strapi';
import { adjustPressReleaseViewOnce } from './press-release-view';

/**
 * Names a release by its headline in the admin panel (the edit view's title, relation pickers) and lists the newest
 * first, once: Strapi's first configuration takes the first text field (the kicker, which many releases share) and
 * sorts by it alphabetically.
 */
export async function titleReleasesByHeadline(strapi: Core.Strapi, marker = 'releasesTitledByHeadline'): Promise<void> {
  await adjustPressReleaseViewOnce(strapi, marker, (configuration) => ({
    ...configuration,
    settings: {
      ...configuration.settings,
      mainField: 'headline',
      defaultSortBy: 'updatedAt',
      defaultSortOrder: 'DESC',
    },
  }));
}
