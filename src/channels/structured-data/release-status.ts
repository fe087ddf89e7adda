import type { Core } from '@strapi/strapi';
import { correctionsInPreparation } from '../../read-side/read-model/corrections-in-preparation';
import { releaseStatus, type ItemStatus } from './wire-terms';

/** A release's status for agencies as it is now: withheld while a correction of it is in preparation. */
export async function releaseStatusNow(
  strapi: Core.Strapi,
  release: { documentId: string; locale: string },
): Promise<ItemStatus> {
  return releaseStatus(release, await correctionsInPreparation(strapi, [release]));
}
