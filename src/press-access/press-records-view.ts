import type { Core } from '@strapi/strapi';
import { PRESS_ACCREDITATION_UID, PRESS_RELEASE_UID } from '../platform/content-model/content-type-uids';
import { adjustViewOnce } from '../editorial/newsroom-setup/press-release-view';

/**
 * The admin panel's views of press access, set once (a super admin's later "Configure the view" is kept): the list of
 * accreditation requests shows who asked, for which outlet, the decision and until when, newest first; journalists
 * chosen on a release are named by their address.
 */
export async function setUpPressRecordViews(strapi: Core.Strapi): Promise<void> {
  await adjustViewOnce(strapi, PRESS_ACCREDITATION_UID, 'accreditationListView', (configuration) => ({
    ...configuration,
    settings: { ...configuration.settings, mainField: 'email', defaultSortBy: 'createdAt', defaultSortOrder: 'DESC' },
    layouts: {
      ...configuration.layouts,
      list: ['email', 'outletName', 'outlet', 'standing', 'validUntil', 'createdAt'],
    },
    metadatas: {
      ...configuration.metadatas,
      journalist: {
        ...configuration.metadatas.journalist,
        edit: { ...configuration.metadatas.journalist?.edit, mainField: 'email' },
      },
    },
  }));
  await adjustViewOnce(strapi, PRESS_RELEASE_UID, 'pressJournalistsByEmail', (configuration) => ({
    ...configuration,
    metadatas: {
      ...configuration.metadatas,
      pressJournalists: {
        ...configuration.metadatas.pressJournalists,
        edit: { ...configuration.metadatas.pressJournalists?.edit, mainField: 'email' },
      },
    },
  }));
}
