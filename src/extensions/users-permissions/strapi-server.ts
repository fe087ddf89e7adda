import { stockPublicReads } from '../../read-side/stock-reads';

/**
 * Users & Permissions, extended (Strapi's plugin extension mechanism): every anonymous request read the
 * public role's permissions from the database (a query with a join, then the permission engine), about a
 * tenth of an uncached public read's time. They are now kept for at most a second: a change to the public
 * role's permissions (admin panel, or grantPublicReadPermissions at start) applies within a second.
 */
const PUBLIC_PERMISSIONS_MAX_AGE_MS = 1000;

type PermissionService = { findPublicPermissions(): Promise<unknown[]> } & Record<string, unknown>;
type ServiceFactory = (deps: { strapi: unknown }) => PermissionService;
interface Plugin {
  services: Record<string, ServiceFactory>;
}

export default (plugin: Plugin): Plugin => {
  if (stockPublicReads()) return plugin; // the tests' oracle reads the permissions as Strapi does
  const createPermissionService = plugin.services.permission;
  plugin.services.permission = (deps) => {
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
  };
  return plugin;
};
