import { Mail } from '@strapi/icons';
import type { PanelApp } from '../menu/menu-link';
import { subscribersEnglish, subscribersLabelId } from './subscribers-labels';

export { subscribersLabels } from './subscribers-labels';

/** The subscribers' page in the main menu, for whoever may read journalists' accreditations (an Editor). */
export function registerSubscribersPage(app: PanelApp): void {
  app.addMenuLink({
    to: 'subscribers',
    icon: Mail,
    intlLabel: { id: subscribersLabelId('title'), defaultMessage: subscribersEnglish('title') },
    Component: () => import('./SubscribersPage'),
    permissions: [
      { action: 'plugin::content-manager.explorer.read', subject: 'api::press-accreditation.press-accreditation' },
    ],
  });
}
