import type { Core } from '@strapi/strapi';
import { OUTLET_UID, PRESS_ACCREDITATION_UID } from '../platform/content-model/content-type-uids';

interface ShadowCrud {
  disable(): void;
}

/**
 * Outlets and accreditations are the press office's records, not content: GraphQL (whose schema anyone may read)
 * gets no type or query for them, so the public schema is what it was before press access existed.
 */
export function keepPressRecordsOutOfGraphql(strapi: Core.Strapi): void {
  const extension = strapi.plugin('graphql').service('extension') as { shadowCRUD(uid: string): ShadowCrud };
  for (const uid of [OUTLET_UID, PRESS_ACCREDITATION_UID]) extension.shadowCRUD(uid).disable();
}
