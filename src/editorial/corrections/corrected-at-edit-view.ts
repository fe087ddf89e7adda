import type { Core } from '@strapi/strapi';
import { adjustPressReleaseViewOnce, type ViewConfiguration } from '../newsroom-setup/press-release-view';

const FIELD = 'correctedAt';

/** The edit layout without the field, and the field read-only should a super admin put it back. */
function withoutCorrectedAt(configuration: ViewConfiguration): ViewConfiguration {
  const edit = configuration.layouts.edit
    .map((row) => row.filter((field) => field.name !== FIELD))
    .filter((row) => row.length > 0);
  const metadata = configuration.metadatas[FIELD];
  return {
    ...configuration,
    layouts: { ...configuration.layouts, edit },
    metadatas: metadata
      ? { ...configuration.metadatas, [FIELD]: { ...metadata, edit: { ...metadata.edit, editable: false } } }
      : configuration.metadatas,
  };
}

/**
 * Takes the correction's date out of the edit view, once: the server sets it when a corrected release is published
 * (./date-corrections-on-publish), so an input for it would only look editable. Readers and the API still have it.
 */
export async function hideCorrectedAtInEditView(strapi: Core.Strapi, marker = 'correctedAtHiddenInEditView') {
  await adjustPressReleaseViewOnce(strapi, marker, withoutCorrectedAt);
}
