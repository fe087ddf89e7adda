import type { Core } from '@strapi/strapi';
import { CSP_DEFAULTS } from '@strapi/utils';
import { mediaOrigins } from '../src/editorial/media-library/media-storage';
import { stockPublicReads } from '../src/read-side/stock-reads';
import { settings } from '../src/platform/settings/newsroom-settings';

/**
 * Order matters: security headers and CORS come before the rate limit and the response cache, so that
 * every answer (a 429 and a cache hit included) carries them.
 */
const middlewares = (): Core.Config.Middlewares => {
  const config = settings();
  // CORS_ORIGINS: a comma-separated allow-list; browsers then may send credentials from those origins only.
  // Unset: any origin may read the public API, never with credentials.
  const corsOrigins = config.CORS_ORIGINS.filter((origin) => origin !== '*');
  const production = config.NODE_ENV === 'production';
  // Media in a bucket: the admin panel shows its thumbnails and previews from there. Strapi's own directives are
  // repeated in full because its configuration merge would not append to them.
  const media = mediaOrigins(config);
  const mediaPolicy =
    media.length > 0
      ? {
          contentSecurityPolicy: {
            useDefaults: true,
            directives: {
              'img-src': [...CSP_DEFAULTS['img-src'], ...media],
              'media-src': [...CSP_DEFAULTS['media-src'], ...media],
            },
          },
        }
      : {};
  return [
    // Strapi's strapi::logger replaced: JSON lines written off the request path, and X-Request-Id on every answer.
    'global::request-log',
    // Outside strapi::errors, so that it records a refused admin action with the status and message answered.
    'global::audit-trail',
    'strapi::errors',
    'global::database-unavailable',
    'global::database-input-errors',
    {
      name: 'strapi::security',
      config: {
        // HTTP Strict Transport Security only in production (served over HTTPS); off in development over http.
        hsts: production ? { maxAge: 31536000, includeSubDomains: true } : false,
        referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
        ...mediaPolicy,
      },
    },
    // After the security headers, so that its own headers for /uploads replace the admin panel's.
    'global::inert-uploads',
    // A file held back by an embargo answers as a missing one, whatever the path that reaches it.
    'global::embargoed-uploads',
    {
      name: 'strapi::cors',
      config: corsOrigins.length > 0 ? { origin: corsOrigins, credentials: true } : { origin: '*', credentials: false },
    },
    'global::public-rate-limit',
    'global::reject-nul-bytes',
    // Before Strapi's body parser: an inbox verifies the signed digest of the body as it came.
    'global::activitypub',
    // Before the response cache, which keys an anonymous GraphQL query by its body.
    'global::graphql-body',
    'global::public-http-cache',
    // After the cache: only operations that are executed wait for a turn.
    'global::graphql-concurrency',
    // No strapi::poweredBy: an `X-Powered-By` header names the software to anyone probing for a known flaw in it.
    'strapi::query',
    'strapi::body',
    'strapi::session',
    // Left out only in the tests' stock mode (src/read-side/stock-reads.ts), which production refuses.
    ...(stockPublicReads() ? [] : ['global::graphql-published-only']),
    'strapi::favicon',
    'strapi::public',
  ];
};

export default middlewares;
