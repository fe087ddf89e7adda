import { ClockCounterClockwise } from '@strapi/icons';
import type { PanelApp } from '../menu/menu-link';

/**
 * The audit trail's page in the main menu. The link shows to whoever may manage roles, which in this app is the
 * super admin (no other role is given it); the page and its API check for a super admin themselves.
 */
export function registerAuditPage(app: PanelApp): void {
  app.addMenuLink({
    to: 'audit-trail',
    icon: ClockCounterClockwise,
    intlLabel: { id: 'newsroom.audit.title', defaultMessage: 'Audit trail' },
    Component: () => import('./AuditTrailPage'),
    permissions: [{ action: 'admin::roles.update', subject: null }],
  });
}
