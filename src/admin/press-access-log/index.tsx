import * as React from 'react';
import type { StrapiApp } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { PRESS_RELEASE_UID } from '../../platform/content-model/content-type-uids';
import { SeenBeforeLiftPanel } from './SeenBeforeLiftPanel';
import { englishPressAccessLabel, pressAccessLabelId } from './press-access-labels';

export { pressAccessLabels } from './press-access-labels';

interface PanelProps {
  model: string;
  documentId?: string;
  document?: { updatedAt?: string | null };
}

/** The edit view's side panel: who has seen this release (every locale) before its lift. */
const SeenBeforeLiftSidePanel = ({ model, documentId, document }: PanelProps) => {
  const { formatMessage } = useIntl();
  if (model !== PRESS_RELEASE_UID || !documentId) return null;
  return {
    title: formatMessage({ id: pressAccessLabelId('title'), defaultMessage: englishPressAccessLabel('title') }),
    content: <SeenBeforeLiftPanel documentId={documentId} version={document?.updatedAt ?? ''} />,
  };
};

/** Adds the press access log of a release to the Content Manager's edit view. */
export function registerSeenBeforeLift(app: StrapiApp): void {
  const contentManager = app.getPlugin('content-manager') as unknown as {
    apis: { addEditViewSidePanel(panels: (previous: unknown[]) => unknown[]): void };
  };
  contentManager.apis.addEditViewSidePanel((panels) => [...panels, SeenBeforeLiftSidePanel]);
}
