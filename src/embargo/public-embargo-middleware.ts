import type { Core, Modules } from '@strapi/strapi';
import { PRESS_RELEASE_UID } from '../newsroom-setup/content-type-uids';
import { withNotEmbargoed } from './embargo-filter';

const READS = new Set(['findMany', 'findFirst', 'findOne', 'count']);

interface RequestState {
  state?: { route?: { info?: { type?: string } }; auth?: { strategy?: { name?: string } }; newsroomPreview?: boolean };
}

/** Reads made while serving an HTTP request that is not the admin panel's (REST, GraphQL, feeds…). */
function isPublicRequest(strapi: Core.Strapi): boolean {
  const request = strapi.requestContext.get() as RequestState | undefined;
  if (!request) return false; // bootstrap, seed, scripts
  const isAdmin = request.state?.route?.info?.type === 'admin' || request.state?.auth?.strategy?.name === 'admin';
  // A preview with a valid signed token (src/api/preview) is an editor's view, not the public's.
  return !isAdmin && request.state?.newsroomPreview !== true;
}

/**
 * Document Service middleware: every press-release read on behalf of a public request leaves out releases
 * under embargo, whichever route, controller or GraphQL resolver makes it.
 */
export function publicEmbargoMiddleware(strapi: Core.Strapi): Modules.Documents.Middleware.Middleware {
  return async (context, next) => {
    if (context.uid === PRESS_RELEASE_UID && READS.has(context.action) && isPublicRequest(strapi)) {
      const params = context.params as { filters?: unknown };
      params.filters = withNotEmbargoed(params.filters);
    }
    return next();
  };
}
