import { Images } from '@strapi/icons';

export { photoRightsLabels } from './photo-rights-labels';
import { photoRightsEnglish, photoRightsLabelId } from './photo-rights-labels';
import type { PanelApp } from '../menu/menu-link';

/**
 * The media library's photo rights, a page of their own in the main menu: Strapi 5's asset dialog takes no extra
 * fields. It shows to whoever may see the media library; saving asks the media library's update permission.
 */
export function registerPhotoRightsPage(app: PanelApp): void {
  app.addMenuLink({
    to: 'photo-rights',
    icon: Images,
    intlLabel: { id: photoRightsLabelId('title'), defaultMessage: photoRightsEnglish('title') },
    Component: () => import('./PhotoRightsPage'),
    permissions: [{ action: 'plugin::upload.read', subject: null }],
  });
}
