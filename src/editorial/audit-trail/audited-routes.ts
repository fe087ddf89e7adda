import { personName } from '../../platform/request-context/acting-user';
import type { AuditActor, AuditSubject } from './audit-event';
import { PHOTO_RIGHTS_PATH } from '../media-library/photo-rights-routes';

/** One admin request as the audit trail reads it once it was answered. */
export interface AnsweredRequest {
  params: Record<string, string | undefined>;
  query: Record<string, unknown>;
  /** The request body as parsed by strapi::body. */
  body: unknown;
  /** The answer's body (an error's body when refused). */
  answer: unknown;
  status: number;
  /** Whether files were uploaded with it (a multipart body's file parts). */
  withFiles?: boolean;
}

export interface AuditedRoute {
  action: (request: AnsweredRequest) => string;
  subjects: (request: AnsweredRequest) => AuditSubject[];
  details?: (request: AnsweredRequest) => Record<string, unknown>;
  /** Who acted when it is not the request's admin user (a log-in). */
  actor?: (request: AnsweredRequest) => AuditActor;
}

type Json = Record<string, unknown>;
const objectAt = (value: unknown, ...path: string[]): Json | undefined => {
  let current = value;
  for (const key of path) current = current && typeof current === 'object' ? (current as Json)[key] : undefined;
  return current && typeof current === 'object' && !Array.isArray(current) ? (current as Json) : undefined;
};
const valueAt = (value: unknown, ...path: string[]): unknown =>
  objectAt(value, ...path.slice(0, -1))?.[path[path.length - 1]];
const idOf = (value: unknown): string | undefined =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
const idsOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(idOf).filter((id): id is string => id !== undefined) : [];
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * The names of the fields a request sets (never their values: content is large and some values are secret). The
 * locale is left out: the Content Manager adds it to the body, and the entry has it in its own column.
 */
const fieldsOf = (request: AnsweredRequest): Json => {
  const fields = Object.keys(objectAt(request.body) ?? {}).filter((name) => name !== 'locale');
  return fields.length > 0 ? { fields: fields.sort() } : {};
};

/** Values worth keeping for access changes: names, emails, roles, flags. audit-secrets drops any secret anyway. */
const SAFE_VALUES = ['name', 'code', 'description', 'email', 'firstname', 'lastname', 'username', 'isActive'];
const SAFE_LISTS = ['roles', 'events', 'permissions'];
const safeValuesOf = (request: AnsweredRequest): Json => {
  const body = objectAt(request.body) ?? {};
  const values: Json = {};
  for (const name of SAFE_VALUES) {
    if (['string', 'number', 'boolean'].includes(typeof body[name])) values[name] = body[name];
  }
  for (const name of SAFE_LISTS) {
    const list = body[name];
    if (Array.isArray(list)) values[name] = list.every((item) => typeof item !== 'object') ? list : list.length;
  }
  if (['type', 'lifespan'].some((name) => name in body)) Object.assign(values, pick(body, ['type', 'lifespan']));
  return { ...fieldsOf(request), ...(Object.keys(values).length > 0 ? { values } : {}) };
};
const pick = (body: Json, names: string[]): Json =>
  Object.fromEntries(names.filter((name) => body[name] !== undefined).map((name) => [name, body[name]]));

const always = (action: string) => () => action;

// --- Content (the Content Manager) ---

const localeOf = (request: AnsweredRequest) =>
  text(request.query.locale) ?? text(valueAt(request.answer, 'data', 'locale'));

/** One document: the route's id, or the documentId of what the answer created. */
const contentDocument = (request: AnsweredRequest): AuditSubject[] => [
  {
    type: request.params.model,
    id: request.params.id ?? idOf(valueAt(request.answer, 'data', 'documentId')),
    locale: localeOf(request),
  },
];
/** A bulk action: one entry per document named. */
const contentDocuments = (request: AnsweredRequest): AuditSubject[] =>
  idsOf(valueAt(request.body, 'documentIds')).map((id) => ({
    type: request.params.model,
    id,
    locale: localeOf(request),
  }));

const content = (action: AuditedRoute['action'], subjects = contentDocument): AuditedRoute => ({
  action,
  subjects,
  details: fieldsOf,
});
const CM = '/content-manager/collection-types/:model';
const SINGLE = '/content-manager/single-types/:model';

// --- The media library ---

interface UploadedFile {
  id?: unknown;
  name?: unknown;
  mime?: unknown;
  size?: unknown;
}
const filesOfAnswer = (request: AnsweredRequest): AuditSubject[] => {
  const answer = Array.isArray(request.answer) ? request.answer : [request.answer];
  return (answer as UploadedFile[])
    .filter((file) => idOf(file?.id) !== undefined)
    .map((file) => ({
      type: 'plugin::upload.file',
      id: idOf(file.id),
      details: pick(file as Json, ['name', 'mime', 'size']),
    }));
};
const fileOfRoute = (request: AnsweredRequest): AuditSubject[] => [
  {
    type: 'plugin::upload.file',
    id: request.params.id,
    details: pick(objectAt(request.answer) ?? {}, ['name', 'mime']),
  },
];
const filesOfBody = (request: AnsweredRequest): AuditSubject[] => [
  ...idsOf(valueAt(request.body, 'fileIds')).map((id) => ({ type: 'plugin::upload.file', id })),
  ...idsOf(valueAt(request.body, 'folderIds')).map((id) => ({ type: 'plugin::upload.folder', id })),
];
const media = (action: string, subjects: AuditedRoute['subjects']): AuditedRoute => ({
  action: always(action),
  subjects,
  details: fieldsOf,
});

// --- Access: accounts, roles, tokens, webhooks ---

/** The thing at the route's id, or the one the answer created. */
const thing =
  (type: string, param = 'id') =>
  (request: AnsweredRequest): AuditSubject[] => [
    { type, id: request.params[param] ?? idOf(valueAt(request.answer, 'data', 'id') ?? valueAt(request.answer, 'id')) },
  ];
const things =
  (type: string) =>
  (request: AnsweredRequest): AuditSubject[] =>
    idsOf(valueAt(request.body, 'ids')).map((id) => ({ type, id }));
const access = (action: string, subjects: AuditedRoute['subjects']): AuditedRoute => ({
  action: always(action),
  subjects,
  details: safeValuesOf,
});
const settingsOf = (type: string, param?: string): AuditedRoute => ({
  action: always('settings.update'),
  subjects: (request) => [{ type, id: param ? request.params[param] : undefined }],
  details: fieldsOf,
});

const loggedInUser = (request: AnsweredRequest): AuditActor => {
  const user = objectAt(request.answer, 'data', 'user');
  if (!user) return { email: text(valueAt(request.body, 'email')) ?? null };
  return { id: typeof user.id === 'number' ? user.id : null, email: text(user.email) ?? null, name: personName(user) };
};
/** The account a registration created (its answer is a log-in's). */
const registeredUser = (request: AnsweredRequest): AuditSubject[] => [
  { type: 'admin::user', id: idOf(valueAt(request.answer, 'data', 'user', 'id')) },
];
const logIn: AuditedRoute = {
  action: (request) => (request.status < 300 ? 'auth.login' : 'auth.login-failed'),
  subjects: (request) => [{ type: 'admin::user', id: idOf(valueAt(request.answer, 'data', 'user', 'id')) }],
  actor: loggedInUser,
};

const tokens = (prefix: string, type: string, action: string): Record<string, AuditedRoute> => ({
  [`POST ${prefix}`]: access(`${action}.create`, thing(type)),
  [`PUT ${prefix}/:id`]: access(`${action}.update`, thing(type)),
  [`DELETE ${prefix}/:id`]: access(`${action}.revoke`, thing(type)),
  [`POST ${prefix}/:id/regenerate`]: access(`${action}.regenerate`, thing(type)),
});

/**
 * The admin routes whose requests are recorded, by method and route pattern (Koa router's matched route, prefix
 * included), whatever their outcome. Reads are not recorded.
 */
export const AUDITED_ROUTES: Readonly<Record<string, AuditedRoute>> = {
  [`POST ${CM}`]: content(always('content.create')),
  [`POST ${CM}/clone/:sourceId`]: content(always('content.create')),
  [`POST ${CM}/auto-clone/:sourceId`]: content(always('content.create')),
  [`PUT ${CM}/:id`]: content(always('content.update')),
  [`DELETE ${CM}/:id`]: content(always('content.delete')),
  [`POST ${CM}/actions/publish`]: content(always('content.publish')),
  [`POST ${CM}/:id/actions/publish`]: content(always('content.publish')),
  [`POST ${CM}/:id/actions/unpublish`]: content(always('content.unpublish')),
  [`POST ${CM}/:id/actions/discard`]: content(always('content.discard-draft')),
  [`POST ${CM}/actions/bulkDelete`]: content(always('content.delete'), contentDocuments),
  [`POST ${CM}/actions/bulkPublish`]: content(always('content.publish'), contentDocuments),
  [`POST ${CM}/actions/bulkUnpublish`]: content(always('content.unpublish'), contentDocuments),
  [`PUT ${SINGLE}`]: content(always('content.update')),
  [`DELETE ${SINGLE}`]: content(always('content.delete')),
  [`POST ${SINGLE}/actions/publish`]: content(always('content.publish')),
  [`POST ${SINGLE}/actions/unpublish`]: content(always('content.unpublish')),
  [`POST ${SINGLE}/actions/discard`]: content(always('content.discard-draft')),

  // With ?id= the admin panel replaces that file's content, or with no file edits its details (name, alternative text).
  'POST /upload': {
    ...media('media.upload', filesOfAnswer),
    action: (request) =>
      request.query.id === undefined ? 'media.upload' : request.withFiles ? 'media.replace' : 'media.update',
  },
  // The media library of Strapi 5.54 uploads one file a request here.
  'POST /upload/files': media('media.upload', filesOfAnswer),
  'POST /upload/actions/upload-from-urls': media('media.upload', filesOfAnswer),
  'POST /upload/files/:id/replace': media('media.replace', fileOfRoute),
  'PUT /upload/files/:id': media('media.update', fileOfRoute),
  'DELETE /upload/files/:id': media('media.delete', fileOfRoute),
  'POST /upload/actions/bulk-delete': media('media.delete', filesOfBody),
  'POST /upload/actions/bulk-move': media('media.move', filesOfBody),
  // The media library's "Photo rights" page (src/editorial/media-library/photo-rights-routes.ts).
  [`PUT ${PHOTO_RIGHTS_PATH}/:id`]: media('media.rights', (request) =>
    fileOfRoute({ ...request, answer: valueAt(request.answer, 'data') }),
  ),

  // Every export of subscribers' addresses (src/delivery/subscriptions/subscriber-admin-routes.ts).
  'POST /newsroom/subscribers/export': access('subscribers.export', () => [{ type: 'subscribers', id: 'all' }]),

  'POST /admin/login': logIn,
  'POST /admin/logout': access('auth.logout', () => []),
  'POST /admin/register-admin': { ...access('user.create', registeredUser), actor: loggedInUser },
  'POST /admin/register': { ...access('user.register', registeredUser), actor: loggedInUser },
  'POST /admin/reset-password': { ...access('auth.password-reset', () => []), actor: loggedInUser },
  'PUT /admin/users/me': access('user.update', (request) => [
    { type: 'admin::user', id: idOf(valueAt(request.answer, 'data', 'id')) },
  ]),
  'DELETE /admin/users/me/sessions': access('auth.sessions-revoke', () => []),
  'POST /admin/users': access('user.create', thing('admin::user')),
  'PUT /admin/users/:id': access('user.update', thing('admin::user')),
  'DELETE /admin/users/:id': access('user.delete', thing('admin::user')),
  'POST /admin/users/batch-delete': access('user.delete', things('admin::user')),
  'POST /admin/roles': access('role.create', thing('admin::role')),
  'PUT /admin/roles/:id': access('role.update', thing('admin::role')),
  'PUT /admin/roles/:id/permissions': access('role.update', thing('admin::role')),
  'DELETE /admin/roles/:id': access('role.delete', thing('admin::role')),
  'POST /admin/roles/batch-delete': access('role.delete', things('admin::role')),
  ...tokens('/admin/api-tokens', 'admin::api-token', 'api-token'),
  ...tokens('/admin/admin-tokens', 'admin::admin-token', 'admin-token'),
  ...tokens('/admin/transfer/tokens', 'admin::transfer-token', 'transfer-token'),
  'POST /admin/webhooks': access('webhook.create', thing('webhook')),
  'PUT /admin/webhooks/:id': access('webhook.update', thing('webhook')),
  'DELETE /admin/webhooks/:id': access('webhook.delete', thing('webhook')),
  'POST /admin/webhooks/batch-delete': access('webhook.delete', things('webhook')),
  'POST /admin/webhooks/:id/trigger': access('webhook.trigger', thing('webhook')),
  'POST /users-permissions/roles': access('role.create', thing('plugin::users-permissions.role', 'role')),
  'PUT /users-permissions/roles/:role': access('role.update', thing('plugin::users-permissions.role', 'role')),
  'DELETE /users-permissions/roles/:role': access('role.delete', thing('plugin::users-permissions.role', 'role')),

  'POST /admin/project-settings': settingsOf('admin::project-settings'),
  'POST /i18n/locales': { ...settingsOf('plugin::i18n.locale'), subjects: thing('plugin::i18n.locale') },
  'PUT /i18n/locales/:id': settingsOf('plugin::i18n.locale', 'id'),
  'DELETE /i18n/locales/:id': settingsOf('plugin::i18n.locale', 'id'),
  'PUT /i18n/settings': settingsOf('plugin::i18n.settings'),
  'PUT /upload/settings': settingsOf('plugin::upload.settings'),
  'PUT /upload/configuration': settingsOf('plugin::upload.configuration'),
  'PUT /users-permissions/email-templates': settingsOf('plugin::users-permissions.email-templates'),
  'PUT /users-permissions/advanced': settingsOf('plugin::users-permissions.advanced'),
  'PUT /users-permissions/providers': settingsOf('plugin::users-permissions.providers'),
  'PUT /content-manager/content-types/:uid/configuration': settingsOf('plugin::content-manager.configuration', 'uid'),
  'POST /email/test': access('email.test', () => []),
};

/** The first check of every request: only writes to the admin's own prefixes may be recorded (no public path). */
const AUDITED_PREFIXES = [
  '/admin/',
  '/content-manager/',
  '/upload',
  '/i18n/',
  '/users-permissions/',
  '/email/',
  PHOTO_RIGHTS_PATH,
  '/newsroom/subscribers/',
];
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const mayBeAudited = (method: string, path: string): boolean =>
  WRITES.has(method) && AUDITED_PREFIXES.some((prefix) => path.startsWith(prefix));
