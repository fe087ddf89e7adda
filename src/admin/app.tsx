import { fieldLabels } from './field-labels';
import { registerAuditPage } from './audit/register-audit-page';

/**
 * The admin panel: offered in Russian beside English (each editor picks in their profile), with the newsroom's
 * own fields labelled in both. Nothing calls home from the panel: no release notifications, no tutorials.
 */
export default {
  config: {
    locales: ['ru'],
    translations: { en: fieldLabels('en'), ru: fieldLabels('ru') },
    notifications: { releases: false },
    tutorials: false,
  },
  register: registerAuditPage,
  bootstrap() {},
};
