import type { Core } from '@strapi/strapi';
import { PRESS_RELEASE_UID } from '../newsroom-setup/content-type-uids';

interface ContentTypesService {
  findContentType(uid: string): { uid: string } | undefined;
  findConfiguration(contentType: { uid: string }): Promise<{ layouts: { list: string[] } }>;
  updateConfiguration(contentType: { uid: string }, configuration: { layouts: { list: string[] } }): Promise<unknown>;
}

/**
 * Puts the review stage in the Content Manager's list of press releases, once: Strapi adds a new field to the list
 * only when a type is first configured, and a column a super admin later removes in "Configure the view" stays gone.
 */
export async function ensureReviewStageColumn(strapi: Core.Strapi, marker = 'reviewStageColumnAdded'): Promise<void> {
  const store = strapi.store({ type: 'plugin', name: 'newsroom' });
  if (await store.get({ key: marker })) return;
  const service = strapi.plugin('content-manager').service('content-types') as ContentTypesService;
  const contentType = service.findContentType(PRESS_RELEASE_UID);
  if (!contentType) return;
  const configuration = await service.findConfiguration(contentType);
  if (!configuration.layouts.list.includes('reviewStage')) {
    await service.updateConfiguration(contentType, {
      ...configuration,
      layouts: { ...configuration.layouts, list: [...configuration.layouts.list, 'reviewStage'] },
    });
  }
  await store.set({ key: marker, value: true });
}
