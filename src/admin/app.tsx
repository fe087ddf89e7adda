import { applyNewsroomBranding, brandLabels, NEWSROOM_LOGO } from './branding';
import { fieldLabels } from './field-labels';
import { registerAuditPage } from './audit/register-audit-page';
import { historyLabels, registerReleaseHistory } from './release-history';
import { registerReviewHistory, reviewHistoryLabels } from './review-history';
import { pressAccessLabels, registerSeenBeforeLift } from './press-access-log';
import { photoRightsLabels, registerPhotoRightsPage } from './photo-rights';
import { registerSubscribersPage, subscribersLabels } from './subscribers';
import { registerTestEmail, testEmailLabels } from './test-email';
import type { StrapiApp } from '@strapi/strapi/admin';

/**
 * The admin panel: the newsroom's own (its name and mark, no vendor banner, newsletter or Marketplace), offered in
 * Russian beside English (each editor picks in their profile), with the newsroom's own fields labelled in both.
 * Nothing calls home from the panel: no release notifications, no tutorials, no telemetry (package.json).
 */
export default {
  config: {
    auth: { logo: NEWSROOM_LOGO },
    menu: { logo: NEWSROOM_LOGO },
    locales: ['ru'],
    translations: {
      en: {
        ...brandLabels('en'),
        ...fieldLabels('en'),
        ...historyLabels('en'),
        ...reviewHistoryLabels('en'),
        ...pressAccessLabels('en'),
        ...photoRightsLabels('en'),
        ...subscribersLabels('en'),
        ...testEmailLabels('en'),
      },
      ru: {
        ...brandLabels('ru'),
        ...fieldLabels('ru'),
        ...historyLabels('ru'),
        ...reviewHistoryLabels('ru'),
        ...pressAccessLabels('ru'),
        ...photoRightsLabels('ru'),
        ...subscribersLabels('ru'),
        ...testEmailLabels('ru'),
      },
    },
    notifications: { releases: false },
    tutorials: false,
  },
  register(app: StrapiApp) {
    applyNewsroomBranding();
    registerAuditPage(app);
    registerPhotoRightsPage(app);
    registerSubscribersPage(app);
  },
  bootstrap(app: StrapiApp) {
    registerReleaseHistory(app);
    registerReviewHistory(app);
    registerSeenBeforeLift(app);
    registerTestEmail(app);
  },
};
