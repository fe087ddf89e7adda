import type { Core } from '@strapi/strapi';
import { PUBLIC_ACTIONS, setRoleActions } from '../read-side/public-permissions';

const ROLE_UID = 'plugin::users-permissions.role';

export const JOURNALIST_ROLE_TYPE = 'journalist';

/**
 * What a journalist's account may call: the press API, their own account, and what the public may read (a signed-in
 * journalist reading the public API gets the public's answers). No write but their accreditation request, no content
 * type's own routes, nothing of Users & Permissions beyond `me`.
 */
export const JOURNALIST_ACTIONS = [
  ...PUBLIC_ACTIONS,
  'api::press.press.agreement',
  'api::press.press.requestAccreditation',
  'api::press.press.accreditation',
  'api::press.press.releases',
  'api::press.press.release',
  'api::press.press.ninjs',
  'api::press.press.newsml',
  'plugin::users-permissions.user.me',
  'plugin::users-permissions.auth.changePassword',
] as const;

/**
 * The Journalist role of Users & Permissions, created if missing, with exactly JOURNALIST_ACTIONS (set at every
 * start, like the public role's). Returns its id.
 */
export async function ensureJournalistRole(strapi: Core.Strapi): Promise<number> {
  const roles = strapi.db.query(ROLE_UID);
  let role = (await roles.findOne({ where: { type: JOURNALIST_ROLE_TYPE } })) as { id: number } | null;
  role ??= (await roles.create({
    data: {
      name: 'Journalist',
      type: JOURNALIST_ROLE_TYPE,
      description: 'An accredited journalist: reads the releases shared with them, under embargo; writes nothing.',
    },
  })) as { id: number };
  await setRoleActions(strapi, role.id, JOURNALIST_ACTIONS);
  return role.id;
}
