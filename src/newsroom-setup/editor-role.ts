import type { Core } from '@strapi/strapi';
import { ENTITY_UID, PRESS_RELEASE_UID, SOURCE_UID, TOPIC_UID } from './content-type-uids';
import { NEWSROOM_LOCALES } from './locales';

export const EDITOR_ROLE_CODE = 'strapi-editor';
const SYSTEM_FIELDS = new Set([
  'id',
  'documentId',
  'createdAt',
  'updatedAt',
  'publishedAt',
  'createdBy',
  'updatedBy',
  'locale',
  'localizations',
]);

interface AdminPermission {
  action: string;
  subject?: string | null;
  properties?: { fields?: string[]; locales?: string[] };
  conditions?: string[];
}

type Attributes = Record<string, { type: string; component?: string }>;

/** Every field an editor may set, component fields as `component.field`, as the admin panel expects. */
function editableFields(strapi: Core.Strapi, uid: string): string[] {
  const model = (id: string) => (strapi.getModel as (uid: string) => { attributes: Attributes })(id);
  const attributes = model(uid).attributes;
  return Object.entries(attributes)
    .filter(([name]) => !SYSTEM_FIELDS.has(name))
    .flatMap(([name, attribute]) => {
      if (attribute.type !== 'component' || !attribute.component) return [name];
      const component = model(attribute.component).attributes;
      return Object.keys(component)
        .filter((sub) => sub !== 'id')
        .map((sub) => `${name}.${sub}`);
    });
}

/**
 * The Editor admin role: create, translate, publish and unpublish press releases in every newsroom locale,
 * and keep the topics, entities and sources they link to. Nothing in Settings (roles, users, webhooks,
 * API tokens) and no Content-Type Builder: those are super-admin only. Set at every start, so the role
 * follows the content model (a field added later is editable too).
 */
export function editorPermissions(strapi: Core.Strapi): AdminPermission[] {
  const locales = NEWSROOM_LOCALES.map((locale) => locale.code);
  const crud = (uid: string, localized: boolean, extra: string[] = []): AdminPermission[] => {
    const withLocales = localized ? { locales } : {};
    const fields = editableFields(strapi, uid);
    return [
      ...['create', 'read', 'update'].map((action) => ({
        action: `plugin::content-manager.explorer.${action}`,
        subject: uid,
        properties: { fields, ...withLocales },
        conditions: [],
      })),
      ...extra.map((action) => ({
        action: `plugin::content-manager.explorer.${action}`,
        subject: uid,
        properties: withLocales,
        conditions: [],
      })),
    ];
  };
  return [
    ...crud(PRESS_RELEASE_UID, true, ['delete', 'publish']),
    ...crud(TOPIC_UID, true),
    ...crud(ENTITY_UID, true),
    ...crud(SOURCE_UID, false),
    ...['read', 'configure-view', 'assets.create', 'assets.update', 'assets.download', 'assets.copy-link'].map(
      (action) => ({
        action: `plugin::upload.${action}`,
        subject: null,
        properties: {},
        conditions: [],
      }),
    ),
  ];
}

export async function ensureEditorRole(strapi: Core.Strapi): Promise<{ id: number }> {
  const roles = strapi.service('admin::role');
  let role = (await roles.findOne({ code: EDITOR_ROLE_CODE })) as { id: number } | null;
  role ??= (await roles.create({
    name: 'Editor',
    code: EDITOR_ROLE_CODE,
    description: 'Writes, translates, publishes and unpublishes press releases.',
  })) as { id: number };
  await roles.assignPermissions(role.id, editorPermissions(strapi));
  return role;
}

export interface EditorAccount {
  email: string;
  password: string;
  firstname?: string;
  lastname?: string;
}

/** Creates an active editor account unless one with that email exists. Returns whether it created one. */
export async function ensureEditorAccount(strapi: Core.Strapi, account: EditorAccount): Promise<boolean> {
  const role = await ensureEditorRole(strapi);
  const users = strapi.service('admin::user');
  const email = account.email.toLowerCase();
  if (await users.exists({ email })) return false;
  await users.create({
    email,
    password: account.password,
    firstname: account.firstname || 'Newsroom',
    lastname: account.lastname || 'Editor',
    isActive: true,
    registrationToken: null,
    roles: [role.id],
  });
  return true;
}
