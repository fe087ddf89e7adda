import { z } from 'zod';

/**
 * The app's configuration: every environment variable it reads, parsed and checked here, once, at start (Strapi's
 * config files and the app's modules ask `settings()`; nothing else reads process.env). A bad value stops the app
 * with the variable's name and what is allowed.
 */

const text = (fallback = '') => z.string().trim().default(fallback);
const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { message: 'true or false' })
    .default(fallback ? 'true' : 'false')
    .transform((value) => ['true', '1', 'yes', 'on'].includes(value));
const onOff = (fallback: 'on' | 'off') =>
  z
    .enum(['on', 'off'], { message: 'on or off' })
    .default(fallback)
    .transform((value) => value === 'on');
const whole = (fallback: number, min: number, max = 2 ** 31 - 1) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, { message: `a whole number from ${min} to ${max}` })
    .default(String(fallback))
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(min, { message: `at least ${min}` })
        .max(max, { message: `at most ${max}` }),
    );
const list = () =>
  z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    );
const httpUrl = (what: string) =>
  z
    .string()
    .trim()
    .default('')
    .refine((value) => value === '' || /^https?:\/\/[^\s/]+/.test(value), {
      message: `${what}: an http(s) URL, or empty`,
    });

/** Where outgoing mail goes: an SMTP server, as nodemailer is given it (src/platform/mail). */
export interface SmtpServer {
  host: string;
  port: number;
  /** TLS from the first byte (smtps://, port 465 by default); smtp:// upgrades with STARTTLS when offered. */
  secure: boolean;
  user?: string;
  password?: string;
}

const SMTP_URL_FORMAT = 'an smtp:// or smtps:// URL (smtp://user:password@host:587, user and password optional)';

/** SMTP_URL as a server, or null (mail is then written to files); a problem as a message for the operator. */
function smtpServerOf(value: string): SmtpServer | null | { problem: string } {
  if (value === '') return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { problem: SMTP_URL_FORMAT };
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') return { problem: SMTP_URL_FORMAT };
  if (!url.hostname) return { problem: `${SMTP_URL_FORMAT}: the host is missing` };
  if ((url.pathname !== '' && url.pathname !== '/') || url.search || url.hash) {
    return { problem: `${SMTP_URL_FORMAT}: nothing after the host and port (no path or query)` };
  }
  if (url.password && !url.username) return { problem: `${SMTP_URL_FORMAT}: a password needs a user` };
  const secure = url.protocol === 'smtps:';
  return {
    // An IPv6 host comes bracketed from URL; sockets want it bare.
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    // Reserved characters in a user or password are percent-encoded in the URL.
    ...(url.username ? { user: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
  };
}
const smtpUrl = () =>
  z
    .string()
    .trim()
    .default('')
    .transform((value, context) => {
      const server = smtpServerOf(value);
      if (server && 'problem' in server) {
        context.addIssue({ code: 'custom', message: server.problem });
        return z.NEVER;
      }
      return server;
    });
// "Name <address>" or a bare address; the display name may be quoted and non-ASCII (nodemailer encodes it).
const MAIL_ADDRESS = /^(?:[^<>]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@"]+@[^\s<>@]+)$/;
const mailAddress = (fallback = '') =>
  z
    .string()
    .trim()
    .default(fallback)
    // Empty is allowed only where the setting has no default (a reply-to address is optional).
    .refine((value) => (value === '' ? fallback === '' : MAIL_ADDRESS.test(value)), {
      message: 'an address, as name@example.org or "Name <name@example.org>"',
    });

const SCHEMA = z.object({
  NODE_ENV: z
    .enum(['development', 'production', 'test'], { message: 'development, production or test' })
    .default('development'),
  HOST: text('0.0.0.0'),
  PORT: whole(1337, 0, 65535), // 0: any free port (tests)
  SERVER_URL: httpUrl('the public URL of this server'),
  IS_PROXIED: flag(false),
  LOG_LEVEL: z
    .enum(['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly'], {
      message: 'error, warn, info, http, verbose, debug or silly',
    })
    .default('http'),
  LOG_STARTUP_BANNER: flag(true),
  SHUTDOWN_GRACE_SECONDS: whole(10, 0, 600),
  // The V8 heap of `npm start`'s app process (--max-old-space-size); 0 leaves V8's own limit.
  HEAP_LIMIT_MB: whole(320, 0, 65_536).refine((value) => value === 0 || value >= 128, {
    message: '0 (V8 decides) or a number of megabytes from 128 to 65536',
  }),

  APP_KEYS: list(),
  API_TOKEN_SALT: text(),
  ADMIN_JWT_SECRET: text(),
  TRANSFER_TOKEN_SALT: text(),
  JWT_SECRET: text(),
  ENCRYPTION_KEY: text(),
  PREVIEW_SECRET: text(),
  PREVIEW_TOKEN_TTL_SECONDS: whole(600, 1, 7 * 24 * 3600),
  // Signs a journalist's download links of embargoed files (src/read-side/read-model/press-file-links.ts); empty:
  // derived from JWT_SECRET, which production requires.
  PRESS_LINK_SECRET: z.string().default(''),
  PRESS_LINK_TTL_SECONDS: whole(3600, 60, 7 * 24 * 3600),

  DATABASE_URL: text(),
  DATABASE_HOST: text(),
  DATABASE_PORT: whole(5432, 1, 65535),
  DATABASE_NAME: text('newsroom'),
  DATABASE_USERNAME: text('postgres'),
  DATABASE_PASSWORD: z.string().default(''),
  DATABASE_SCHEMA: text('public'),
  DATABASE_SSL: flag(false),
  DATABASE_SSL_REJECT_UNAUTHORIZED: flag(true),
  DATABASE_POOL_MAX: whole(10, 1, 1000),
  DATABASE_CONNECTION_TIMEOUT_MS: whole(10_000, 100, 600_000),
  DATABASE_PARALLEL_WORKERS_PER_GATHER: z
    .string()
    .trim()
    .regex(/^([0-9]{1,3}|server)$/, { message: 'a number of workers (0 to 999) or "server"' })
    .default('0'),
  DATABASE_STARTUP_TIMEOUT_SECONDS: whole(30, 0, 3600),

  API_DEFAULT_PAGE_SIZE: whole(25, 1, 1000),
  API_MAX_PAGE_SIZE: whole(100, 1, 1000),
  GRAPHQL_DEPTH_LIMIT: whole(10, 1, 100),
  GRAPHQL_CONCURRENCY: whole(4, 1, 1000),
  GRAPHQL_INTROSPECTION: flag(true),
  GRAPHQL_LANDING_PAGE: flag(true),
  CORS_ORIGINS: list(),
  RATE_LIMIT: onOff('on'),
  RATE_LIMIT_MAX: whole(600, 1),
  RATE_LIMIT_WINDOW_SECONDS: whole(60, 1, 86_400),
  JOURNALIST_SIGN_IN_LIMIT: whole(5, 1),

  PUBLIC_URL: httpUrl('the public website'),
  // URLs per release sitemap file: the protocol allows 50,000 (and 50 MB); with three locales' hreflang alternates
  // a URL takes about 0.6 KB, so the default keeps a file near 6 MB, quick to build on request.
  SITEMAP_FILE_URLS: whole(10_000, 1, 50_000),
  PUBLICATION_NAME: text('Newsroom'),
  // Rights statements carried by ninjs and NewsML-G2 (empty: the formats say nothing rather than guess).
  RIGHTS_COPYRIGHT_NOTICE: text(),
  RIGHTS_USAGE_TERMS: text(),
  RIGHTS_URL: httpUrl('a page with the terms of use of the releases'),
  CACHE_MAX_AGE: whole(30, 0),
  CACHE_S_MAXAGE: whole(60, 0),
  CACHE_STALE_WHILE_REVALIDATE: whole(30, 0),
  RESPONSE_CACHE: onOff('on'),
  RESPONSE_CACHE_TTL_SECONDS: whole(60, 1, 86_400),
  RESPONSE_CACHE_MAX_ENTRIES: whole(1000, 1, 1_000_000),
  REDIS_URL: z
    .string()
    .trim()
    .default('')
    .refine((value) => value === '' || /^rediss?:\/\//.test(value), {
      message: 'a redis:// or rediss:// URL, or empty',
    }),
  REDIS_PREFIX: text('newsroom:'),

  // Outgoing mail (src/platform/mail): no SMTP_URL writes each message to .tmp/mail/ instead of sending it.
  SMTP_URL: smtpUrl(),
  MAIL_FROM: mailAddress('Newsroom <newsroom@localhost>'),
  MAIL_REPLY_TO: mailAddress(),
  // DKIM signing of every message over SMTP (nodemailer signs): the domain, the selector and the private key (PEM,
  // its line breaks as \n, or the path of a PEM file). All three, or none.
  DKIM_DOMAIN: text(),
  DKIM_SELECTOR: text(),
  DKIM_PRIVATE_KEY: z.string().default(''),
  // Email subscriptions (src/delivery/subscriptions): messages handed to the SMTP server per second per instance,
  // how long an instance holds a message it is sending, and the requests to subscribe allowed per hour.
  MAIL_RATE_PER_SECOND: whole(20, 1, 100_000),
  MAIL_LEASE_SECONDS: whole(120, 2, 3600),
  SUBSCRIBE_LIMIT_PER_CLIENT: whole(10, 1),
  SUBSCRIBE_LIMIT_PER_ADDRESS: whole(3, 1),
  // Counts of opens and clicks per release in its emails (never who): off unless an operator turns it on.
  MAIL_TRACKING: z.enum(['off', 'on'], { message: 'off or on' }).default('off'),
  // The hour (UTC) from which daily digests go out each day.
  DIGEST_HOUR_UTC: whole(7, 0, 23),
  // Signs the links in subscribers' emails (confirm, preferences, unsubscribe); empty: derived from JWT_SECRET.
  SUBSCRIPTION_LINK_SECRET: z.string().default(''),
  // Authenticates a mail provider's bounce and complaint notices (POST /api/subscriptions/mail-notices); empty: off.
  MAIL_WEBHOOK_SECRET: z.string().default(''),

  UPLOAD_ALLOWED_TYPES: z.string().optional(),
  UPLOAD_STRIP_METADATA: flag(true),
  UPLOAD_PROVIDER: z.enum(['local', 's3'], { message: 'local or s3' }).default('local'),
  S3_BUCKET: text(),
  S3_REGION: text(),
  S3_ENDPOINT: httpUrl('an S3-compatible server'),
  S3_ACCESS_KEY_ID: text(),
  S3_SECRET_ACCESS_KEY: z.string().default(''),
  S3_PUBLIC_URL: httpUrl('the base URL files are served from (a CDN)'),
  S3_ACL: z.enum(['public-read', 'private'], { message: 'public-read or private' }).default('public-read'),
  // A presigned S3 URL lives at most 7 days (Signature Version 4).
  S3_SIGNED_URL_SECONDS: whole(900, 60, 7 * 24 * 3600),
  SEED_ON_START: flag(true),
  ADMIN_EMAIL: text(),
  ADMIN_PASSWORD: z.string().default(''),
  EDITOR_EMAIL: text(),
  EDITOR_PASSWORD: z.string().default(''),
  AUTHOR_EMAIL: text(),
  AUTHOR_PASSWORD: z.string().default(''),
  AUTHOR_LOCALES: list(),
  // Versions of a release kept per locale besides every published one (src/editorial/release-versions/).
  VERSIONS_KEEP_PER_LOCALE: whole(50, 1, 100_000),
  CDN_PURGE_URL: httpUrl('the CDN purge endpoint'),
  CDN_PURGE_KIND: z
    .enum(['generic', 'cloudflare', 'fastly', 'varnish'], { message: 'generic, cloudflare, fastly or varnish' })
    .default('generic'),
  CDN_PURGE_TOKEN: z.string().default(''),
  WEBHOOK_URL: httpUrl('the frontend webhook'),
  // WebSub hubs the public feeds name and are pinged at go-live (src/delivery/websub), comma-separated.
  WEBSUB_HUBS: list().refine((hubs) => hubs.every((hub) => /^https?:\/\/[^\s/]+/.test(hub)), {
    message: 'each hub is an http(s) URL',
  }),
  GO_LIVE_POLL_SECONDS: whole(15, 1, 3600),
  // The newsroom as an ActivityPub actor (@ACTIVITYPUB_HANDLE@host) that the fediverse can follow; off by default.
  ACTIVITYPUB: onOff('off'),
  ACTIVITYPUB_HANDLE: z
    .string()
    .trim()
    .default('press')
    .refine((handle) => /^[a-z0-9_]{1,30}$/.test(handle), { message: 'lower-case letters, digits and _ (1 to 30)' }),
  // Tests only: lets ActivityPub fetch actors and deliver to private addresses (127.0.0.1); refused in production.
  ACTIVITYPUB_ALLOW_PRIVATE_ADDRESSES: flag(false),
  // A withdrawn release answers as a canceled NewsML-G2 item and ninjs document this long (0: a bare 404 at once).
  WITHDRAWN_ITEM_DAYS: whole(30, 0, 3650),
  WEBHOOK_SECRET_HEADER: text(),
  WEBHOOK_SECRET: z.string().default(''),
  // Standard Webhooks signing keys (whsec_ and base64), comma-separated: every key signs, so that a receiver can move
  // from one to the next (src/delivery/go-live/webhook-signature.ts).
  WEBHOOK_SIGNING_SECRETS: list().refine((keys) => keys.every((key) => /^whsec_[A-Za-z0-9+/]{32,}={0,2}$/.test(key)), {
    message: 'each key is whsec_ and at least 24 bytes in base64 (openssl rand -base64 32)',
  }),
  // Audit trail entries older than this are purged (at start and daily); never less than a day.
  AUDIT_RETENTION_DAYS: whole(365, 1, 36_500),
  // Tests only: stock runs none of the public read rules (the tests' oracle); refused unless NODE_ENV=test.
  NEWSROOM_PUBLIC_READS: z
    .enum(['newsroom', 'stock'], { message: 'newsroom (the default) or stock' })
    .default('newsroom'),
});

export type Settings = z.output<typeof SCHEMA>;
export const SETTING_NAMES = Object.keys(SCHEMA.shape) as (keyof Settings)[];

/**
 * The longest a public answer may be kept somewhere after the app computed it: in the response cache, then in a
 * shared cache and a browser, each serving it stale for a while. Signed media URLs in it must outlive that.
 */
export const longestKeptAnswerSeconds = (values: Settings): number =>
  values.RESPONSE_CACHE_TTL_SECONDS +
  values.CACHE_S_MAXAGE +
  values.CACHE_MAX_AGE +
  2 * values.CACHE_STALE_WHILE_REVALIDATE;

/** How long a signed media URL is handed out again before it is signed anew: a quarter of its lifetime. */
export const signedUrlReuseSeconds = (values: Pick<Settings, 'S3_SIGNED_URL_SECONDS'>): number =>
  Math.floor(values.S3_SIGNED_URL_SECONDS / 4);

/** Rules that tie several variables together (media storage on S3). */
const CHECKED_SCHEMA = SCHEMA.superRefine((values, context) => {
  const problem = (name: keyof Settings, message: string) =>
    context.addIssue({ code: 'custom', path: [name], message });
  if (values.ACTIVITYPUB_ALLOW_PRIVATE_ADDRESSES && values.NODE_ENV === 'production') {
    problem('ACTIVITYPUB_ALLOW_PRIVATE_ADDRESSES', 'false in production: it opens private addresses to any follower');
  }
  const dkim = [values.DKIM_DOMAIN, values.DKIM_SELECTOR, values.DKIM_PRIVATE_KEY].filter(Boolean).length;
  if (dkim > 0 && dkim < 3) {
    for (const name of ['DKIM_DOMAIN', 'DKIM_SELECTOR', 'DKIM_PRIVATE_KEY'] as const)
      if (!values[name]) problem(name, 'DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY together, or none');
  }
  if (values.UPLOAD_PROVIDER !== 's3') return;
  if (!values.S3_BUCKET) problem('S3_BUCKET', 'the bucket name (UPLOAD_PROVIDER=s3 stores media in a bucket)');
  if (!values.S3_REGION)
    problem('S3_REGION', "the bucket's region, e.g. eu-central-1 (any name for most S3-compatible servers)");
  if (Boolean(values.S3_ACCESS_KEY_ID) !== Boolean(values.S3_SECRET_ACCESS_KEY)) {
    const missing = values.S3_ACCESS_KEY_ID ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID';
    problem(missing, "S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY together, or neither (the AWS SDK's own credentials)");
  }
  if (values.S3_ACL !== 'private') return;
  if (values.S3_PUBLIC_URL) {
    problem('S3_PUBLIC_URL', 'empty with S3_ACL=private: the S3 provider signs no URL on another base URL');
  }
  // A URL handed out a quarter into its lifetime must outlive the longest-kept answer that carries it.
  const kept = longestKeptAnswerSeconds(values);
  if (values.S3_SIGNED_URL_SECONDS - signedUrlReuseSeconds(values) <= kept) {
    problem(
      'S3_SIGNED_URL_SECONDS',
      `at least ${Math.floor((4 * kept) / 3) + 1} with S3_ACL=private: 3/4 of it must exceed the longest a public ` +
        `answer is kept (RESPONSE_CACHE_TTL_SECONDS + CACHE_S_MAXAGE + CACHE_MAX_AGE + ` +
        `2 × CACHE_STALE_WHILE_REVALIDATE = ${kept})`,
    );
  }
});

export class SettingsError extends Error {}

/** A URL's password is never repeated in an error (it ends up in logs): `smtp://user:***@host`. */
const withoutPassword = (value: string): string => value.replace(/(\/\/[^/:@\s]*:)[^/\s]*@/, '$1***@');

/** Reads and checks the settings from an environment (empty values count as unset). */
export function readSettings(env: NodeJS.ProcessEnv): Settings {
  const input = Object.fromEntries(SETTING_NAMES.map((name) => [name, env[name] === '' ? undefined : env[name]]));
  const result = CHECKED_SCHEMA.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0]);
    return `${name}=${JSON.stringify(withoutPassword(env[name] ?? ''))}: expected ${issue.message}`;
  });
  throw new SettingsError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
}

let kept: { signature: string; settings: Settings } | undefined;

/**
 * The settings of this process. Read again only when the environment changed (tests start apps with other
 * values in one process); modules ask when they are created, not per request.
 */
export function settings(): Settings {
  const env = process.env;
  const signature = SETTING_NAMES.map((name) => env[name] ?? '').join('\u0000');
  if (kept?.signature !== signature) kept = { signature, settings: readSettings(env) };
  return kept.settings;
}

/**
 * The Node.js flag that holds the app's heap to HEAP_LIMIT_MB (none when 0). Under many concurrent requests V8 lets
 * the old generation grow to several times what is live before it collects; a limit makes it collect sooner, so an
 * instance's memory stays predictable (a container's limit) at some cost in throughput (docs/BENCHMARKS.md).
 */
export function heapLimitFlags(values: Pick<Settings, 'HEAP_LIMIT_MB'> = settings()): string[] {
  return values.HEAP_LIMIT_MB > 0 ? [`--max-old-space-size=${values.HEAP_LIMIT_MB}`] : [];
}
