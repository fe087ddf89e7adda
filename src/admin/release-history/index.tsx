import * as React from 'react';
import type { StrapiApp } from '@strapi/strapi/admin';
import { PRESS_RELEASE_UID } from '../../platform/content-model/content-type-uids';
import { ReleaseHistory } from './ReleaseHistory';
import { englishLabel, historyLabelId } from './history-labels';
import { useIntl } from 'react-intl';

export { historyLabels } from './history-labels';

interface ActionProps {
  model: string;
  documentId?: string;
  document?: { locale?: string | null };
}

/** The edit view's "Version history" action (in the header's menu) for a saved press release. */
const ReleaseHistoryAction = ({ model, documentId, document }: ActionProps) => {
  const { formatMessage } = useIntl();
  if (model !== PRESS_RELEASE_UID || !documentId || !document?.locale) return null;
  const label = formatMessage({ id: historyLabelId('action'), defaultMessage: englishLabel('action') });
  return {
    label,
    position: 'header' as const,
    dialog: {
      type: 'modal' as const,
      title: `${label} (${document.locale})`,
      content: <ReleaseHistory documentId={documentId} locale={document.locale} />,
    },
  };
};

/** Adds the release history to the Content Manager's edit view. */
export function registerReleaseHistory(app: StrapiApp): void {
  const contentManager = app.getPlugin('content-manager') as unknown as {
    apis: { addDocumentAction(actions: (previous: unknown[]) => unknown[]): void };
  };
  contentManager.apis.addDocumentAction((actions) => [...actions, ReleaseHistoryAction]);
}
