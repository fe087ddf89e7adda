import type { Core } from '@strapi/strapi';
import { PRESS_RELEASE_UID } from '../../platform/content-model/content-type-uids';

/** A field's place in the Content Manager's edit layout (rows of fields). */
export interface EditLayoutField {
  name: string;
  size: number;
}

/** The Content Manager's stored view of a content type: what "Configure the view" edits. */
export interface ViewConfiguration {
  settings: { mainField?: string; defaultSortBy?: string; defaultSortOrder?: string } & Record<string, unknown>;
  layouts: { list: string[]; edit: EditLayoutField[][] };
  metadatas: Record<string, { edit: Record<string, unknown>; list: Record<string, unknown> }>;
}

interface ContentTypesService {
  findContentType(uid: string): { uid: string } | undefined;
  findConfiguration(contentType: { uid: string }): Promise<ViewConfiguration>;
  updateConfiguration(contentType: { uid: string }, configuration: ViewConfiguration): Promise<unknown>;
}

/**
 * Changes the Content Manager's view of press releases once, through its own configuration service, and remembers
 * that it did (under `marker`): a super admin who later changes it back in "Configure the view" keeps their choice.
 */
export async function adjustPressReleaseViewOnce(
  strapi: Core.Strapi,
  marker: string,
  change: (configuration: ViewConfiguration) => ViewConfiguration,
): Promise<void> {
  await adjustViewOnce(strapi, PRESS_RELEASE_UID, marker, change);
}

/** The same for any content type's view. */
export async function adjustViewOnce(
  strapi: Core.Strapi,
  uid: string,
  marker: string,
  change: (configuration: ViewConfiguration) => ViewConfiguration,
): Promise<void> {
  const store = strapi.store({ type: 'plugin', name: 'newsroom' });
  if (await store.get({ key: marker })) return;
  const service = strapi.plugin('content-manager').service('content-types') as ContentTypesService;
  const contentType = service.findContentType(uid);
  if (!contentType) return;
  const configuration = await service.findConfiguration(contentType);
  const changed = change(configuration);
  if (changed !== configuration) await service.updateConfiguration(contentType, changed);
  await store.set({ key: marker, value: true });
}
