import { readFileSync } from 'node:fs';
import type { Core } from '@strapi/strapi';

/** The Strapi version every internal below was read and checked against (package.json pins it exactly). */
export const STRAPI_CHECKED_VERSION = '5.54.0';

/**
 * What a reach into Strapi beyond its documented extension points looks like in our code. Every line of src/,
 * config/ and database/ that shows one must be accounted for by an entry of STRAPI_INTERNALS below (its `signs`, in
 * a file it names): tests/unit/strapi-internals.test.ts fails on one that is not.
 */
export const REACH_IN_SIGNS: readonly RegExp[] = [
  /\bcontentAPI\.\w/,
  /get\(\s*['"](webhookStore|webhookRunner|middlewares)['"]\)/,
  // Plugin and admin services; the GraphQL plugin's 'extension' service is its documented extension point.
  /\.service\(\s*['"](?!extension['"])[\w:-]+['"]\)/,
  /\blifecycles\.subscribe\b/,
  /\bhttpServer\b|\bserver\.app\b/,
  /\brequestContext\b|\bstate\??\.auth\b/,
  /\bdb\.metadata\b/,
  /\b(press_releases|files_related_mph)\b|_lnk\b/,
  /\.hook\(\s*['"]strapi::/,
  /\b(validateQuery|sanitizeQuery|sanitizeOutput)\b/,
  /\bpreventCsrf\b/,
  // A plugin's services replaced from its extension (src/extensions/<plugin>/strapi-server.ts).
  /\bplugin\.services\b/,
];

interface StrapiInternal {
  internal: string;
  /** Files (or folders, ending in /) that rely on it. */
  usedIn: readonly string[];
  checked: string;
  /** The lines of those files it accounts for (see REACH_IN_SIGNS). */
  signs?: RegExp;
}

/**
 * Every part of Strapi the project relies on beyond its documented extension points: where it is used, and what
 * was checked in Strapi's source. Read these again before moving the pin (`npm ls @strapi/strapi`).
 */
export const STRAPI_INTERNALS: readonly StrapiInternal[] = [
  {
    internal: "email plugin service 'email'.send (documented; listed because any service call shows the sign)",
    usedIn: ['src/platform/mail/send-mail.ts'],
    checked: 'send({ to, from, replyTo, subject, text, html, headers }) hands the message to the configured provider',
    signs: /\.service\(\s*['"]email['"]\)/,
  },
  {
    internal: "graphql plugin service 'builders'.utils.transformArgs",
    usedIn: ['src/read-side/read-model/graphql-reads.ts', 'src/read-side/graphql/graphql-relation-batching.ts'],
    checked: 'turns GraphQL args into document-service params (start/limit from pagination, defaultLimit/maxLimit)',
    signs: /\.service\(\s*['"]builders['"]\)/,
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
    signs: /\b(validateQuery|sanitizeQuery|sanitizeOutput)\b/,
  },
  {
    internal: "upload plugin service 'upload' (upload, replace, updateFileInfo write through the query engine)",
    usedIn: [
      'src/extensions/upload/strapi-server.ts',
      'src/delivery/on-write/read-model-sync.ts',
      'src/editorial/media-library/unused-media-on-delete.ts',
    ],
    checked: 'every way a file comes in calls upload or replace; file edits fire plugin::upload.file db lifecycles',
    signs: /\.service\(\s*['"]upload['"]\)|\blifecycles\.subscribe\b|plugin\.services\.upload\b/,
  },
  {
    internal: "upload plugin service 'file'.signFileUrls (signs a private bucket's URLs on every read of a file)",
    usedIn: ['src/extensions/upload/strapi-server.ts'],
    checked: 'the upload plugin calls it on every file it returns; skipped while the read model projects a release',
    signs: /plugin\.services\.file\b/,
  },
  {
    internal: "upload plugin service 'image-manipulation': generateResponsiveFormats, generateThumbnail, optimize",
    usedIn: ['src/extensions/upload/strapi-server.ts', 'src/editorial/media-library/webp-formats.ts'],
    checked:
      'upload and replace store every { key, file } it returns as formats[key] and delete them with the file; the ' +
      'thumbnail and the optimised original are files of the same shape, written where their filepath says',
    signs: /image-manipulation|\bResponsiveFormat\b/,
  },
  {
    internal: 'files_related_mph, the morph link table of plugin::upload.file (read through db metadata)',
    usedIn: ['src/editorial/media-library/unused-media-on-delete.ts'],
    checked: 'every media field of an entry or a component holds one row there naming the file',
    signs: /\bfiles_related_mph\b|\bdb\.metadata\b/,
  },
  {
    internal: "Apollo Server 4's preventCsrf (dist/cjs/preventCsrf.js, loaded by path: not in the package's exports)",
    usedIn: ['src/read-side/graphql/graphql-csrf.ts'],
    checked: 'the rule runHttpQuery applies to every request when csrfPrevention is on (Strapi leaves it on)',
    signs: /\bpreventCsrf\b/,
  },
  {
    internal:
      "strapi::security's headers depend only on the method and its path prefixes (graphql, /documentation, admin)",
    usedIn: ['src/delivery/security-headers/replayed-security-headers.ts'],
    checked: 'core middlewares/security.js: config fixed at start; GET on those prefixes and dev admin GETs differ',
    signs: /get\(\s*['"]middlewares['"]\)/,
  },
  {
    internal: "the HTTP server's first 'request' listener hands requests to Koa (services/server/http-server.js)",
    usedIn: ['src/delivery/http-cache/cache-front-door.ts'],
    checked: 'createHTTPServer passes its one listener to http.createServer; Koa is built on the first request',
    signs: /\bhttpServer\b|\bserver\.app\b/,
  },
  {
    internal: "the HTTP server's 'request' event and close() (Node's http.Server under strapi.server.httpServer)",
    usedIn: ['src/platform/operations/graceful-shutdown.ts'],
    checked: 'destroy() closes the server; requests in flight are counted from the request event and drained first',
    signs: /\bhttpServer\b/,
  },
  {
    internal: "knex's transaction executionPromise (rejected when COMMIT fails; commit() itself resolves)",
    usedIn: ['src/delivery/on-write/read-model-sync.ts'],
    checked:
      'a write whose COMMIT lost its connection answers 503, not 201 (tests/own-postgres/database-outage.test.ts)',
  },
  {
    internal: "users-permissions service 'jwt'.verify (every JWT check: the plugin's auth strategy and getToken)",
    usedIn: ['src/extensions/users-permissions/strapi-server.ts'],
    checked: 'the strategy and getToken call this.verify on the service object, so the wrapped verify is the one used',
    signs: /plugin\.services\.jwt\b/,
  },
  {
    internal: "users-permissions service 'permission'.findPublicPermissions",
    usedIn: ['src/extensions/users-permissions/strapi-server.ts'],
    checked: 'called by the users-permissions strategy for every anonymous request',
    signs: /plugin\.services\.permission\b/,
  },
  {
    internal: "i18n services 'localizations'.syncNonLocalizedAttributes, 'content-types' copy/populate helpers",
    usedIn: ['src/editorial/shared-fields/shared-fields-on-publish.ts'],
    checked: "the plugin's own sync of non-localized fields, run from the version just published",
    signs: /\.service\(\s*['"](content-types|localizations)['"]\)/,
  },
  {
    internal: "i18n service 'locales' (find, findByCode, create, getDefaultLocale, setDefaultLocale)",
    usedIn: ['src/platform/content-model/locales.ts', 'src/read-side/known-locales.ts'],
    checked: 'the locales of the Settings page; getDefaultLocale is what the document service uses without a locale',
    signs: /\.service\(\s*['"]locales['"]\)/,
  },
  {
    internal: "Content Manager services 'content-types' (configuration of the edit view) and 'permission-checker'",
    usedIn: [
      'src/editorial/newsroom-setup/press-release-view.ts',
      'src/editorial/release-versions/release-versions-admin.ts',
    ],
    checked: "findConfiguration/updateConfiguration of a type's views; the checker the Content Manager's routes use",
    signs: /\.service\(\s*['"](content-types|permission-checker)['"]\)/,
  },
  {
    internal: "admin services 'admin::role' (findOne, create, assignPermissions) and 'admin::user' (exists, create)",
    usedIn: ['src/editorial/newsroom-setup/editor-role.ts', 'src/editorial/newsroom-setup/first-admin.ts'],
    checked: 'what the admin panel itself calls to make roles and users; permissions replaced whole',
    signs: /\.service\(\s*['"]admin::(role|user)['"]\)/,
  },
  {
    internal: "users-permissions service 'jwt'.getToken (the Bearer JWT of a request, verified, or null)",
    usedIn: ['src/press-access/press-files.ts'],
    checked: 'the JWT of a request to a route without auth (a signed download link) is its journalist’s, or refused',
    signs: /\.service\(\s*['"]jwt['"]\)/,
  },
  {
    internal: "users-permissions service 'permission' of the public role (read and granted at start)",
    usedIn: ['src/read-side/public-permissions.ts'],
    checked: "the public role's permissions as the users-permissions plugin stores and checks them",
    signs: /\.service\(\s*['"](permission|role)['"]\)/,
  },
  {
    internal: 'strapi.contentAPI.validate.query, replaced to check field names once per request',
    usedIn: ['src/read-side/query-field-names.ts'],
    checked: 'the content API calls it from validateQuery of every core controller; the original is kept and called',
    signs: /\bcontentAPI\.|\bvalidateQuery\b/,
  },
  {
    internal: "the container's 'webhookStore' and 'webhookRunner' (Strapi's stored webhooks and their sending)",
    usedIn: ['src/delivery/webhooks/frontend-webhook.ts'],
    checked: 'findWebhooks/deleteWebhook and the runner’s remove: the same as the Settings page does',
    signs: /get\(\s*['"](webhookStore|webhookRunner)['"]\)/,
  },
  {
    internal: 'database lifecycle hooks (strapi.db.lifecycles.subscribe) of plugin models',
    usedIn: ['src/read-side/read-model/read-model-rebuild.ts', 'src/delivery/on-write/read-model-sync.ts'],
    checked: 'afterCreate/afterUpdate/afterDelete fire for query-engine writes of users-permissions and upload models',
    signs: /\blifecycles\.subscribe\b/,
  },
  {
    internal: 'strapi.requestContext (the Koa context of the request being served) and its ctx.state.auth',
    usedIn: [
      'src/platform/request-context/acting-user.ts',
      'src/read-side/visibility.ts',
      'src/read-side/read-model/public-releases.ts',
      'src/editorial/review-workflow/review-history.ts',
      'src/editorial/editor-messages/editor-language.ts',
      'src/editorial/audit-trail/audit-subject-titles.ts',
      'src/press-access/accreditations.ts',
    ],
    checked: 'set for every HTTP request, route info and auth strategy on ctx.state',
    signs: /\brequestContext\b|\bstate\??\.auth\b/,
  },
  {
    internal: "hook 'strapi::content-types.afterSync'",
    usedIn: ['database/migrations/2026.11.26T00.00.00.press-release-read-indexes.js'],
    checked: 'runs after the schema sync creates the tables of a new database (strapi/strapi#24070)',
    signs: /\.hook\(\s*['"]strapi::/,
  },
  {
    internal: 'table and column names of press_releases, its link tables and files_related_mph',
    usedIn: [
      'src/read-side/read-model/release-projection.ts',
      'src/read-side/read-model/read-model-rebuild.ts',
      'src/read-side/read-model/corrections-in-preparation.ts',
      'src/read-side/visibility.ts',
      'bench/',
      'database/migrations/',
    ],
    checked:
      "Strapi's naming of collectionName, *_lnk join tables (<table>_<field>_lnk, <singular>_id), document_id/locale/" +
      'published_at columns; the press fields are also checked against db.metadata by tests/api/press-access.test.ts',
    signs: /\b(press_releases|files_related_mph)\b|_lnk\b/,
  },
  {
    internal: "raw inserts into Strapi's own tables (press_releases and its *_lnk link tables) for releases at scale",
    usedIn: ['src/editorial/seed/scale-releases.ts'],
    checked: 'rows as the document service writes them: document_id, locale, published_at, link rows per relation',
    signs: /\b(press_releases|files_related_mph)\b|_lnk\b/,
  },
  {
    internal: "admin service 'permission'.actionProvider: its didRegister hook and delete (a @strapi/utils provider)",
    usedIn: ['src/editorial/newsroom-setup/no-marketplace.ts'],
    checked:
      "admin bootstrap registers admin::marketplace.read, then resets the super admin's and cleans stored permissions",
    signs: /\.service\(\s*['"]admin::permission['"]\)/,
  },
  {
    internal: "admin service 'permission'.createPermissionsManager, as the upload plugin checks a file's update",
    usedIn: [
      'src/editorial/media-library/photo-rights-routes.ts',
      'src/delivery/subscriptions/subscriber-admin-routes.ts',
    ],
    checked:
      'controllers/utils/find-entity-and-check-permissions.js: ability.cannot(action, toSubject(file with ' +
      'createdBy and its roles)); admin-file.js answers pm.sanitizeOutput(file) of the read action; ' +
      'actionProvider.registerMany in register keeps an app action (api::<uid>) that roles may be given',
    signs: /\.service\(\s*['"]admin::permission['"]\)|\bsanitizeOutput\b/,
  },
  {
    internal: "admin panel: 'Strapi Admin' document title, Page.Title's ' | Strapi', the registration form's links",
    usedIn: ['src/admin/branding.ts'],
    checked: "DefaultDocument.mjs, PageHelpers.mjs (Title), pages/Auth/components/Register.mjs ('news' checkbox)",
  },
  {
    internal:
      'admin panel: localStorage keys STRAPI_MEDIA_LIBRARY_BANNER_DISMISSED_FOR_<flag>:<uuid>, STRAPI_GUIDED_TOUR',
    usedIn: ['src/admin/branding.ts', 'package.json'],
    checked:
      'MediaLibraryBanner.mjs, GuidedTour/Context.mjs (enabled), usePersistentState.mjs; uuid false when telemetry off',
  },
  {
    internal: "document service queries at once inside its transaction (strapi/strapi#27645); knex's pg connection",
    usedIn: ['src/platform/operations/one-query-at-a-time.ts', 'config/database.ts'],
    checked:
      'id-map, relationsValidation, applyPopulate and publish await Promise.all on the one transaction connection; ' +
      'knex hands pool.afterCreate the pg Client and sends every query as connection.query(config, callback)',
  },
  {
    internal:
      "users-permissions: its auth controller's callback, register, forgotPassword and resetPassword called with a " +
      "context of their own; its 'jwt' service (issue with options, verify); its 'rateLimit' middleware by uid",
    usedIn: ['src/press-access/portal/portal-routes.ts', 'src/press-access/portal/portal-session.ts'],
    checked:
      'controllers/auth.js reads ctx.request.body, ctx.params.provider, ctx.state.auth (sanitizeUser), answers with ' +
      "ctx.send; services/jwt.js issue(payload, options) defaults options to the plugin's jwt config; " +
      "middlewares/rateLimit.js keys by body.email, path and address with the plugin's ratelimit config",
    signs: /\.service\(\s*['"]jwt['"]\)|get\(\s*['"]middlewares['"]\)|\.controller\(\s*['"]auth['"]\)/,
  },
];

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
