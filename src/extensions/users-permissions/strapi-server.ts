import type { Core } from '@strapi/strapi';
import { sessionEnded, type SessionClaims } from '../../press-access/portal/portal-session';
import { strapiOriginal, wrapperOf } from '../../platform/operations/extension-wrapping';
import { stockPublicReads } from '../../read-side/stock-reads';

/**
 * Users & Permissions, extended (Strapi's plugin extension mechanism): every anonymous request read the
 * public role's permissions from the database (a query with a join, then the permission engine), about a
 * tenth of an uncached public read's time. They are now kept for at most a second: a change to the public
 * role's permissions (admin panel, or grantPublicReadPermissions at start) applies within a second.
 */
const PUBLIC_PERMISSIONS_MAX_AGE_MS = 1000;

type PermissionService = { findPublicPermissions(): Promise<unknown[]> } & Record<string, unknown>;
type JwtService = { verify(token: string): Promise<SessionClaims> } & Record<string, unknown>;
type ServiceFactory<T> = (deps: { strapi: Core.Strapi }) => T;
interface Plugin {
  services: { permission: ServiceFactory<PermissionService>; jwt: ServiceFactory<JwtService> } & Record<
    string,
    unknown
  >;
}

export default (plugin: Plugin): Plugin => {
  // A press portal session's JWT is refused once the journalist logged out (portal-session.ts), wherever it is shown.
  const createJwtService = strapiOriginal(plugin.services.jwt);
  plugin.services.jwt = wrapperOf(createJwtService, (deps) => {
    const service = createJwtService(deps);
    const verify = service.verify.bind(service);
    return Object.assign(service, {
      async verify(token: string): Promise<SessionClaims> {
        const claims = await verify(token);
        if (await sessionEnded(deps.strapi, claims)) throw new Error('Invalid token.');
        return claims;
      },
    });
  });
  if (stockPublicReads()) {
    // The tests' oracle reads the permissions as Strapi does (an earlier app in this process may have wrapped them).
    plugin.services.permission = strapiOriginal(plugin.services.permission);
    return plugin;
  }
  const createPermissionService = strapiOriginal(plugin.services.permission);
  plugin.services.permission = wrapperOf(createPermissionService, (deps) => {
    const service = createPermissionService(deps);
    const readPublicPermissions = service.findPublicPermissions.bind(service);
    let kept: { rows: Promise<unknown[]>; until: number } | undefined;
    return Object.assign(service, {
      findPublicPermissions(): Promise<unknown[]> {
        const now = Date.now();
        if (!kept || kept.until <= now) {
          const rows = readPublicPermissions();
          kept = { rows, until: now + PUBLIC_PERMISSIONS_MAX_AGE_MS };
          rows.catch(() => (kept = undefined)); // a failed read (database down) is not kept
        }
        return kept.rows;
      },
    });
  });
  return plugin;
};
