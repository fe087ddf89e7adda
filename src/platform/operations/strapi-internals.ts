import { readFileSync } from 'node:fs';
import type { Core } from '@strapi/strapi';

/** The Strapi version every internal below was read and checked against (package.json pins it exactly). */
export const STRAPI_CHECKED_VERSION = '5.54.0';

/**
 * Every part of Strapi the project relies on beyond its documented extension points: where it is used, and what
 * was checked in Strapi's source. Read these again before moving the pin (`npm ls @strapi/strapi`).
 */
export const STRAPI_INTERNALS = [
  {
    internal: "graphql plugin service 'builders'.utils.transformArgs",
    usedIn: ['src/read-side/read-model/graphql-reads.ts', 'src/read-side/graphql/graphql-relation-batching.ts'],
    checked: 'turns GraphQL args into document-service params (start/limit from pagination, defaultLimit/maxLimit)',
  },
  {
    internal: 'graphql type and field names PressRelease.*, ComponentSharedSeo.image, Query.pressRelease(s)',
    usedIn: ['src/read-side/read-model/graphql-reads.ts', 'src/read-side/read-model/strapi-path-guard.ts'],
    checked: "shadow CRUD's naming; resolver middlewares run after the permission check (wrap-resolvers.js)",
  },
  {
    internal: "graphql plugin's wrap-resolvers.js wraps every field; resolversConfig as extension.generate merges it",
    usedIn: ['src/read-side/graphql/graphql-plain-field-resolvers.ts', 'config/plugins.ts'],
    checked:
      'a non-root field without config: no auth check, no middlewares, no policies; the built resolver is wrapped',
  },
  {
    internal: 'graphql association resolver reads through the query engine (not the document service)',
    usedIn: ['src/read-side/read-model/strapi-path-guard.ts', 'src/read-side/graphql/graphql-relation-batching.ts'],
    checked: 'localizations and relations of a release are loaded with strapi.db.query(uid).load, one per parent',
  },
  {
    internal: 'core controller methods on the prototype of createCoreController',
    usedIn: ['src/api/press-release/controllers/press-release.ts'],
    checked: 'find, findOne, validateQuery, sanitizeQuery, sanitizeOutput of @strapi/core core-api/controller',
  },
  {
    internal: "upload plugin service 'upload' (upload, replace, updateFileInfo write through the query engine)",
    usedIn: ['src/extensions/upload/strapi-server.ts', 'src/delivery/on-write/read-model-sync.ts'],
    checked: 'every way a file comes in calls upload or replace; file edits fire plugin::upload.file db lifecycles',
  },
  {
    internal: "upload plugin service 'image-manipulation'.generateResponsiveFormats and its format files",
    usedIn: ['src/extensions/upload/strapi-server.ts', 'src/editorial/media-library/webp-formats.ts'],
    checked: 'upload and replace store every { key, file } it returns as formats[key] and delete them with the file',
  },
  {
    internal: 'files_related_mph, the morph link table of plugin::upload.file (read through db metadata)',
    usedIn: ['src/editorial/media-library/unused-media-on-delete.ts'],
    checked: 'every media field of an entry or a component holds one row there naming the file',
  },
  {
    internal: "Apollo Server 4's preventCsrf (dist/cjs/preventCsrf.js, loaded by path: not in the package's exports)",
    usedIn: ['src/read-side/graphql/graphql-csrf.ts'],
    checked: 'the rule runHttpQuery applies to every request when csrfPrevention is on (Strapi leaves it on)',
  },
  {
    internal:
      "strapi::security's headers depend only on the method and its path prefixes (graphql, /documentation, admin)",
    usedIn: ['src/delivery/security-headers/replayed-security-headers.ts', 'src/index.ts'],
    checked: 'core middlewares/security.js: config fixed at start; GET on those prefixes and dev admin GETs differ',
  },
  {
    internal: "the HTTP server's first 'request' listener hands requests to Koa (services/server/http-server.js)",
    usedIn: ['src/delivery/http-cache/cache-front-door.ts'],
    checked: 'createHTTPServer passes its one listener to http.createServer; Koa is built on the first request',
  },
  {
    internal: "the middleware registry's 'strapi::logger' factory: strapi.log.http of method, url, ms and status",
    usedIn: ['src/delivery/http-cache/cache-front-door.ts'],
    checked: 'core middlewares/logger.js reads only ctx.method, ctx.url and ctx.status after next()',
  },
  {
    internal: "knex's transaction executionPromise (rejected when COMMIT fails; commit() itself resolves)",
    usedIn: ['src/delivery/on-write/read-model-sync.ts'],
    checked:
      'a write whose COMMIT lost its connection answers 503, not 201 (tests/own-postgres/database-outage.test.ts)',
  },
  {
    internal: "users-permissions service 'permission'.findPublicPermissions",
    usedIn: ['src/extensions/users-permissions/strapi-server.ts'],
    checked: 'called by the users-permissions strategy for every anonymous request',
  },
  {
    internal: "i18n services 'localizations'.syncNonLocalizedAttributes, 'content-types' copy/populate helpers",
    usedIn: ['src/editorial/shared-fields/shared-fields-on-publish.ts'],
    checked: "the plugin's own sync of non-localized fields, run from the version just published",
  },
  {
    internal: 'strapi.requestContext (the Koa context of the request being served)',
    usedIn: ['src/read-side/read-model/strapi-path-guard.ts', 'src/read-side/read-model/public-releases.ts'],
    checked: 'set for every HTTP request, route info and auth strategy on ctx.state',
  },
  {
    internal: "hook 'strapi::content-types.afterSync'",
    usedIn: ['database/migrations/2026.11.26T00.00.00.press-release-read-indexes.js'],
    checked: 'runs after the schema sync creates the tables of a new database (strapi/strapi#24070)',
  },
  {
    internal: 'table and column names of press_releases, its link tables and files_related_mph',
    usedIn: [
      'src/read-side/read-model/release-projection.ts',
      'src/read-side/read-model/read-model-rebuild.ts',
      'bench/',
    ],
    checked: "Strapi's naming of collectionName, *_lnk join tables, document_id/locale/published_at columns",
  },
] as const;

/** The Strapi version installed (its package.json), or undefined when it cannot be read. */
function installedStrapiVersion(): string | undefined {
  try {
    const manifest = JSON.parse(readFileSync(require.resolve('@strapi/strapi/package.json'), 'utf8')) as {
      version?: string;
    };
    return manifest.version;
  } catch {
    return undefined;
  }
}

/** Says at start when the app runs on a Strapi other than the one its internals were checked against. */
export function warnOnUncheckedStrapiVersion(strapi: Core.Strapi, installed = installedStrapiVersion()): boolean {
  if (installed === STRAPI_CHECKED_VERSION) return false;
  strapi.log.warn(
    `Newsroom was checked against Strapi ${STRAPI_CHECKED_VERSION} and runs on ${installed ?? 'an unknown version'}: ` +
      `re-check the ${STRAPI_INTERNALS.length} Strapi internals listed in src/platform/operations/strapi-internals.ts.`,
  );
  return true;
}
