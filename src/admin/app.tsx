import { fieldLabels } from './field-labels';
import { registerAuditPage } from './audit/register-audit-page';
import { historyLabels, registerReleaseHistory } from './release-history';
import { registerReviewHistory, reviewHistoryLabels } from './review-history';
import type { StrapiApp } from '@strapi/strapi/admin';

/**
 * The admin panel: offered in Russian beside English (each editor picks in their profile), with the newsroom's
 * own fields labelled in both. Nothing calls home from the panel: no release notifications, no tutorials.
 */
export default {
  config: {
    locales: ['ru'],
    translations: {
      en: { ...fieldLabels('en'), ...historyLabels('en'), ...reviewHistoryLabels('en') },
      ru: { ...fieldLabels('ru'), ...historyLabels('ru'), ...reviewHistoryLabels('ru') },
    },
    notifications: { releases: false },
    tutorials: false,
  },
  register: registerAuditPage,
  bootstrap(app: StrapiApp) {
    registerReleaseHistory(app);
    registerReviewHistory(app);
  },
};
