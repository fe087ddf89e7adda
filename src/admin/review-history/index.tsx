import * as React from 'react';
import type { StrapiApp } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { PRESS_RELEASE_UID } from '../../platform/content-model/content-type-uids';
import { ReviewHistoryPanel } from './ReviewHistoryPanel';
import { englishReviewLabel, reviewLabelId } from './review-history-labels';
import { labelReviewStageFilter, nameEnumerationValues } from './review-stage-list';

export { reviewHistoryLabels } from './review-history-labels';

interface PanelProps {
  model: string;
  documentId?: string;
  document?: { locale?: string | null; updatedAt?: string | null; reviewStage?: string | null };
}

/** The edit view's side panel with the review-stage history of a saved press release's locale. */
const ReviewHistorySidePanel = ({ model, documentId, document }: PanelProps) => {
  const { formatMessage } = useIntl();
  if (model !== PRESS_RELEASE_UID || !documentId || !document?.locale) return null;
  return {
    title: formatMessage({ id: reviewLabelId('title'), defaultMessage: englishReviewLabel('title') }),
    content: (
      <ReviewHistoryPanel
        documentId={documentId}
        locale={document.locale}
        version={`${document.updatedAt ?? ''}|${document.reviewStage ?? ''}`}
      />
    ),
  };
};

/** The review stage in the Content Manager: its history in the edit view, its names in the list and its filter. */
export function registerReviewHistory(app: StrapiApp): void {
  const contentManager = app.getPlugin('content-manager') as unknown as {
    apis: { addEditViewSidePanel(panels: (previous: unknown[]) => unknown[]): void };
  };
  contentManager.apis.addEditViewSidePanel((panels) => [...panels, ReviewHistorySidePanel]);
  app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', nameEnumerationValues);
  app.registerHook('Admin/CM/pages/ListView/inject-in-filters', labelReviewStageFilter);
}
