import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { checkedRightsEdit, editPhotoRights } from './photo-rights-edit';

/** Where the panel's "Photo rights" page writes (src/admin/photo-rights/); it lists photos through /upload/files. */
export const PHOTO_RIGHTS_PATH = '/newsroom/photo-rights';

const FILE_UID = 'plugin::upload.file';
const UPDATE = 'plugin::upload.assets.update';
const READ = 'plugin::upload.read';

interface PermissionsManager {
  isAllowed: boolean;
  ability: { cannot(action: string, subject: unknown): boolean };
  toSubject(entity: object): unknown;
  sanitizeOutput(entity: object): Promise<object>;
}
interface AdminContext {
  params: { id?: string };
  request: { body?: unknown };
  state: { userAbility?: unknown };
  body: unknown;
}

/**
 * The media library's own rule for changing a file (its "update" permission, with its conditions: an Author's own
 * files), asked as the upload plugin asks it: on the file with its creator and the creator's roles.
 */
async function assertMayUpdate(strapi: Core.Strapi, ctx: AdminContext, id: number): Promise<PermissionsManager> {
  const permissions = strapi.service('admin::permission') as unknown as {
    createPermissionsManager(options: { ability: unknown; action: string; model: string }): PermissionsManager;
  };
  const manager = permissions.createPermissionsManager({
    ability: ctx.state.userAbility,
    action: UPDATE,
    model: FILE_UID,
  });
  const file = (await strapi.db
    .query(FILE_UID)
    .findOne({ where: { id }, populate: { createdBy: { populate: { roles: true } } } })) as object | null;
  if (!file) throw new errors.NotFoundError('No such file in the media library.');
  if (!manager.isAllowed || manager.ability.cannot(UPDATE, manager.toSubject(file)))
    throw new errors.ForbiddenError('You may not change this file.');
  return permissions.createPermissionsManager({ ability: ctx.state.userAbility, action: READ, model: FILE_UID });
}

/**
 * `PUT /newsroom/photo-rights/:id` with `{ creator, creditLine, copyrightNotice, licenseUrl }`: an admin route (the
 * panel's log-in, never an API token). Answers the file as the media library's API gives it.
 */
export function registerPhotoRightsRoute(strapi: Core.Strapi): void {
  const update = async (ctx: AdminContext) => {
    const id = Number(ctx.params.id);
    if (!Number.isSafeInteger(id) || id <= 0) throw new errors.ValidationError('A file id is a positive number.');
    const reader = await assertMayUpdate(strapi, ctx, id);
    const edit = checkedRightsEdit(ctx.request.body);
    ctx.body = { data: await reader.sanitizeOutput(await editPhotoRights(strapi, id, edit)) };
  };
  strapi.server.routes({
    type: 'admin',
    prefix: '',
    routes: [
      {
        method: 'PUT',
        path: `${PHOTO_RIGHTS_PATH}/:id`,
        handler: update,
        config: { policies: ['admin::isAuthenticatedAdmin'] },
      },
    ],
  } as never);
}
