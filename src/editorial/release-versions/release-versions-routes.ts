import type { Core } from '@strapi/strapi';
import { releaseVersionsAdmin } from './release-versions-admin';

/** Where the edit view's history asks; admin routes, so only a logged-in admin user gets past authentication. */
export const RELEASE_VERSIONS_PATH = '/newsroom/release-versions';

/**
 * The admin API of release versions: admin-type routes (the admin panel's log-in, never an API token) whose
 * handlers check the user's Content Manager permissions on the release: read for the history, update to restore.
 */
export function registerReleaseVersionRoutes(strapi: Core.Strapi): void {
  const handlers = releaseVersionsAdmin(strapi);
  const route = (method: 'GET' | 'POST', path: string, handler: (ctx: never) => Promise<void>) => ({
    method,
    path: `${RELEASE_VERSIONS_PATH}${path}`,
    handler,
    config: { policies: ['admin::isAuthenticatedAdmin'] },
  });
  strapi.server.routes({
    type: 'admin',
    prefix: '',
    routes: [
      route('GET', '/:documentId', handlers.list),
      route('GET', '/:documentId/:id', handlers.findOne),
      route('POST', '/:documentId/:id/restore', handlers.restore),
    ],
  } as never);
}
