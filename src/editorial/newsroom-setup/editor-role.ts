import type { Core } from '@strapi/strapi';
import {
  ENTITY_UID,
  OUTLET_UID,
  PRESS_ACCREDITATION_UID,
  PRESS_RELEASE_UID,
  SOURCE_UID,
  TOPIC_UID,
} from '../../platform/content-model/content-type-uids';
import { NEWSROOM_LOCALES } from '../../platform/content-model/locales';
import { settings } from '../../platform/settings/newsroom-settings';

export const EDITOR_ROLE_CODE = 'strapi-editor';
export const AUTHOR_ROLE_CODE = 'strapi-author';
export const SUPER_ADMIN_ROLE_CODE = 'strapi-super-admin';
// An Author's release goes public at a time an Editor decides, and only an Editor shares it with journalists early.
const EDITOR_ONLY_FIELDS = new Set([
  'embargoUntil',
  'pressAccess',
  'pressOutlets',
  'pressJournalists',
  'pressNoticeWithText',
]);
/** What an Editor decides on an accreditation; the rest is what the journalist declared. */
const ACCREDITATION_DECISION_FIELDS = ['standing', 'validUntil', 'reason', 'outlet'];
/** The fields Strapi keeps itself: nobody edits them, and they are no part of what a release says. */
export const SYSTEM_FIELDS: ReadonlySet<string> = new Set([
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

const UPLOAD_ACTIONS = [
  'read',
  'configure-view',
  'assets.create',
  'assets.update',
  'assets.download',
  'assets.copy-link',
];

/**
 * What a newsroom role may do with releases, topics, entities and sources. Nothing in Settings (roles, users,
 * webhooks, API tokens) and no Content-Type Builder: those are super-admin only. Set at every start, so the roles
 * follow the content model (a field added later is editable too).
 * - Editor: create, translate, review, publish, unpublish and delete releases in every newsroom locale, set embargoes,
 *   and keep the topics, entities and sources they link to.
 *   Editors also keep outlets, decide journalists' accreditations and share releases with journalists early.
 * - Author: create and edit drafts in AUTHOR_LOCALES and submit them for review, link existing topics, entities and
 *   sources, upload media. No publish or unpublish, no embargo, no press access; deleting a published release is
 *   refused by the review workflow (RBAC cannot tell a published release from a draft).
 */
function rolePermissions(strapi: Core.Strapi, role: NewsroomRole): AdminPermission[] {
  const isEditor = role === 'editor';
  const allLocales = NEWSROOM_LOCALES.map((locale) => locale.code);
  const locales = isEditor ? allLocales : authorLocales(allLocales);
  const permission = (action: string, uid: string, properties: AdminPermission['properties']): AdminPermission => ({
    action: `plugin::content-manager.explorer.${action}`,
    subject: uid,
    properties,
    conditions: [],
  });
  const crud = (uid: string, localized: boolean, writes: string[], extra: string[] = []): AdminPermission[] => {
    const withLocales = localized ? { locales } : {};
    const fields = editableFields(strapi, uid).filter((field) => isEditor || !EDITOR_ONLY_FIELDS.has(field));
    return [
      ...['read', ...writes].map((action) => permission(action, uid, { fields, ...withLocales })),
      ...extra.map((action) => permission(action, uid, withLocales)),
    ];
  };
  const linked = isEditor ? ['create', 'update'] : [];
  return [
    ...crud(PRESS_RELEASE_UID, true, ['create', 'update'], isEditor ? ['delete', 'publish'] : ['delete']),
    ...crud(TOPIC_UID, true, linked),
    ...crud(ENTITY_UID, true, linked),
    ...crud(SOURCE_UID, false, linked),
    // Journalists' outlets and accreditations: an Editor's, not an Author's (src/press-access).
    ...(isEditor
      ? [
          ...crud(OUTLET_UID, false, ['create', 'update'], ['delete']),
          permission('read', PRESS_ACCREDITATION_UID, { fields: editableFields(strapi, PRESS_ACCREDITATION_UID) }),
          permission('update', PRESS_ACCREDITATION_UID, { fields: ACCREDITATION_DECISION_FIELDS }),
        ]
      : []),
    ...UPLOAD_ACTIONS.map((action) => ({
      action: `plugin::upload.${action}`,
      subject: null,
      properties: {},
      conditions: [],
    })),
  ];
}

/** AUTHOR_LOCALES (empty: every newsroom locale); a code the newsroom does not have stops the start. */
function authorLocales(allLocales: string[]): string[] {
  const asked = settings().AUTHOR_LOCALES;
  const unknown = asked.filter((code) => !allLocales.includes(code));
  if (unknown.length > 0) {
    throw new Error(`AUTHOR_LOCALES: ${unknown.join(', ')} is not a newsroom locale (${allLocales.join(', ')}).`);
  }
  return asked.length > 0 ? asked : allLocales;
}

export type NewsroomRole = 'editor' | 'author';

const ROLES: Record<NewsroomRole, { code: string; name: string; description: string }> = {
  editor: {
    code: EDITOR_ROLE_CODE,
    name: 'Editor',
    description: 'Writes, translates, reviews, publishes and unpublishes press releases.',
  },
  author: {
    code: AUTHOR_ROLE_CODE,
    name: 'Author',
    description: 'Writes and translates press releases and submits them for review; does not publish.',
  },
};

/** Creates the role if missing (Strapi may have made its own Author: it is taken over) and sets what it may do. */
export async function ensureNewsroomRole(strapi: Core.Strapi, role: NewsroomRole): Promise<{ id: number }> {
  const roles = strapi.service('admin::role');
  const { code, name, description } = ROLES[role];
  let found = (await roles.findOne({ code })) as { id: number } | null;
  found ??= (await roles.create({ name, code, description })) as { id: number };
  await roles.assignPermissions(found.id, rolePermissions(strapi, role));
  return found;
}

export async function ensureEditorRole(strapi: Core.Strapi): Promise<{ id: number }> {
  return ensureNewsroomRole(strapi, 'editor');
}

export interface EditorAccount {
  email: string;
  /** Editor unless said otherwise. */
  role?: NewsroomRole;
  password: string;
  firstname?: string;
  lastname?: string;
}

/** Creates an active Editor (or Author) account unless one with that email exists. Returns whether it made one. */
export async function ensureEditorAccount(strapi: Core.Strapi, account: EditorAccount): Promise<boolean> {
  const roleName = account.role ?? 'editor';
  const role = await ensureNewsroomRole(strapi, roleName);
  const users = strapi.service('admin::user');
  const email = account.email.toLowerCase();
  if (await users.exists({ email })) return false;
  await users.create({
    email,
    password: account.password,
    firstname: account.firstname || 'Newsroom',
    lastname: account.lastname || ROLES[roleName].name,
    isActive: true,
    registrationToken: null,
    roles: [role.id],
  });
  return true;
}
