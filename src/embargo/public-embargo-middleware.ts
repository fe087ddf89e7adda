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
 * under embargo, whichever route, controller or GraphQL resolver makes it, and leaves them out of a
 * release's populated translations (`localizations`) too: a version published before the embargo was set
 * stays public while a translation published after it must not show through it.
 */
export function publicEmbargoMiddleware(strapi: Core.Strapi): Modules.Documents.Middleware.Middleware {
  return async (context, next) => {
    if (context.uid === PRESS_RELEASE_UID && READS.has(context.action) && isPublicRequest(strapi)) {
      const now = new Date();
      const params = context.params as { filters?: unknown; populate?: unknown };
      params.filters = withNotEmbargoed(params.filters, now);
      const populate = params.populate as Record<string, unknown> | undefined;
      if (populate && typeof populate === 'object' && !Array.isArray(populate) && populate.localizations) {
        const localizations = populate.localizations === true ? {} : (populate.localizations as Record<string, unknown>);
        // A copy: the populate may be a shared constant (the public query's).
        params.populate = { ...populate, localizations: { ...localizations, filters: withNotEmbargoed(localizations.filters, now) } };
      }
    }
    return next();
  };
}
