import type { Core } from '@strapi/strapi';

/** Everything the unauthenticated public may do: read published content, nothing else. */
export const PUBLIC_ACTIONS = [
  'api::press-release.press-release.find',
  'api::press-release.press-release.findOne',
  'api::press-release.press-release.findBySlug',
  'api::press-release.press-release.jsonld',
  'api::press-release.press-release.ninjs',
  'api::press-release.press-release.newsml',
  'api::press-release.press-release.related',
  'api::press-release.press-release.pressKit',
  'api::search.search.find',
  'api::topic.topic.find',
  'api::topic.topic.findOne',
  'api::entity.entity.find',
  'api::entity.entity.findOne',
  'api::source.source.find',
  'api::source.source.findOne',
] as const;

/**
 * What the public may do with accounts: journalists sign up, confirm their address, sign in and reset a forgotten
 * password (Users & Permissions' routes; the account a sign-up makes is a journalist's, src/press-access). No other
 * write is public.
 */
export const PUBLIC_ACCOUNT_ACTIONS = [
  'plugin::users-permissions.auth.register',
  'plugin::users-permissions.auth.emailConfirmation',
  'plugin::users-permissions.auth.sendEmailConfirmation',
  'plugin::users-permissions.auth.callback',
  'plugin::users-permissions.auth.forgotPassword',
  'plugin::users-permissions.auth.resetPassword',
] as const;

const ROLE_UID = 'plugin::users-permissions.role';
const PERMISSION_UID = 'plugin::users-permissions.permission';

/**
 * Makes the public role's permissions exactly PUBLIC_ACTIONS and PUBLIC_ACCOUNT_ACTIONS (adding missing ones,
 * removing any other). Runs at every start, so a permission granted by hand in the admin panel does not survive a
 * restart: the public surface is defined here, in code.
 */
export async function grantPublicReadPermissions(strapi: Core.Strapi): Promise<void> {
  const role = (await strapi.db.query(ROLE_UID).findOne({ where: { type: 'public' } })) as { id: number } | null;
  if (!role) throw new Error('The users-permissions public role is missing.');
  await setRoleActions(strapi, role.id, [...PUBLIC_ACTIONS, ...PUBLIC_ACCOUNT_ACTIONS]);
}

/** Makes a Users & Permissions role's permissions exactly these actions (adding missing ones, removing any other). */
export async function setRoleActions(strapi: Core.Strapi, roleId: number, actions: readonly string[]): Promise<void> {
  const current = (await strapi.db.query(PERMISSION_UID).findMany({
    select: ['id', 'action'],
    where: { role: roleId },
  })) as { id: number; action: string }[];
  const wanted = new Set<string>(actions);
  const extra = current.filter((p) => !wanted.has(p.action));
  if (extra.length > 0) {
    await strapi.db.query(PERMISSION_UID).deleteMany({ where: { id: { $in: extra.map((p) => p.id) } } });
  }
  const present = new Set(current.map((p) => p.action));
  for (const action of wanted) {
    if (!present.has(action)) {
      await strapi.db.query(PERMISSION_UID).create({ data: { action, role: roleId } });
    }
  }
}

/**
 * The content types the public role may `find` now (an edit in the admin panel counts until the next start): the
 * public output shows a relation only to one of these, as Strapi's own sanitiser does. Sorted, so that it can be
 * compared and fingerprinted. `fresh`: read from the database (the read model's projection and fingerprint, which
 * must see a change at once); otherwise the rows the public role's permission check itself reads, kept for a
 * second (src/extensions/users-permissions), so that a public read asks the database nothing more.
 */
export async function publiclyFoundTypes(strapi: Core.Strapi, { fresh = true } = {}): Promise<string[]> {
  const rows = (
    fresh
      ? await strapi.db.query(PERMISSION_UID).findMany({
          select: ['action'],
          where: { role: { type: 'public' }, action: { $endsWith: '.find' } },
        })
      : await strapi.plugin('users-permissions').service('permission').findPublicPermissions()
  ) as { action: string }[];
  const types = rows
    .filter((row) => row.action.endsWith('.find'))
    .map((row) => row.action.slice(0, -'.find'.length))
    .filter((uid) => uid in strapi.contentTypes);
  return [...new Set(types)].sort();
}
