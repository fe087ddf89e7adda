import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PRESS_ACCREDITATION_UID } from '../platform/content-model/content-type-uids';
import { seenBeforeLift, type PressAccessView } from './press-access-log';

/** Where the edit view's "Seen before the lift" panel asks (src/admin/press-access-log/). */
export const SEEN_BEFORE_LIFT_PATH = '/newsroom/press-access';

interface AdminContext {
  params: { documentId?: string };
  state: { userAbility?: { can(action: string, subject: string): boolean } };
  body: unknown;
}

/** Whoever may read journalists' accreditations (an Editor, a super admin; not an Author) may read who read what. */
const READ_ACCREDITATIONS = 'plugin::content-manager.explorer.read';

/**
 * `GET /newsroom/press-access/:documentId`: who saw a release before its lift (every locale), newest first. An admin
 * route (the panel's log-in, never an API token); the press access log names journalists, so it is theirs who may
 * read journalists' records.
 */
export function registerPressAccessLogRoute(strapi: Core.Strapi): void {
  const list = async (ctx: AdminContext) => {
    if (!ctx.state.userAbility?.can(READ_ACCREDITATIONS, PRESS_ACCREDITATION_UID))
      throw new errors.ForbiddenError('Only an Editor may see who has read a release before its lift.');
    const documentId = String(ctx.params.documentId);
    if (!/^[a-z0-9]{1,64}$/.test(documentId)) throw new errors.ValidationError('A documentId is letters and digits.');
    const data: PressAccessView[] = await seenBeforeLift(strapi, documentId);
    ctx.body = { data };
  };
  strapi.server.routes({
    type: 'admin',
    prefix: '',
    routes: [
      {
        method: 'GET',
        path: `${SEEN_BEFORE_LIFT_PATH}/:documentId`,
        handler: list,
        config: { policies: ['admin::isAuthenticatedAdmin'] },
      },
    ],
  } as never);
}
