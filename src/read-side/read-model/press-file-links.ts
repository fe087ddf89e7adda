import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { isBodyImage } from '../../platform/content-model/body-images';
import { settings, type Settings } from '../../platform/settings/newsroom-settings';
import type { JournalistAudience } from '../visibility';

/**
 * A journalist's download links to the files of a release still under embargo. While the embargo holds, a file is
 * reachable by no public URL (embargoed-media.ts); a journalist gets, in place of each URL, a link signed for them:
 * which journalist, which file (and which of its sizes), from which release, until when. The link is the only key
 * (an <img> sends no Authorization header), so it is unguessable (an HMAC-SHA256 over what it grants), short-lived,
 * and never logged in full (src/delivery/request-log/request-target.ts); whoever serves it asks visibility.ts again
 * whether the journalist may still see the release (src/press-access/press-files.ts).
 */

/** Where the links are served (src/api/press/routes/press.ts): the token is the last path segment. */
export const PRESS_FILE_PATH = '/api/press/files/';
/** Where a press kit's links are served: a grant of the whole release (no file), signed the same way. */
export const PRESS_KIT_PATH = '/api/press/kits/';
/** The `format` of a press kit's grant, whose `fileId` is 0 (no media entry has that id). */
export const PRESS_KIT_GRANT = 'press-kit.zip';

/** What one link grants. */
export interface PressFileGrant {
  journalistId: number;
  fileId: number;
  /** A size of the file (Strapi's `formats`, e.g. `thumbnail`), or null for the original. */
  format: string | null;
  documentId: string;
  locale: string;
  /** Seconds since the epoch. */
  expiresAt: number;
}

export type PressFileRefusal = 'malformed' | 'forged' | 'expired';

export class PressFileLinkError extends Error {
  constructor(readonly refusal: PressFileRefusal) {
    super(refusal);
  }
}

// A process with neither secret (a developer's first start) still signs, with a key that dies with it.
const FALLBACK_KEY = randomBytes(32);

/** The signing key: PRESS_LINK_SECRET, else one derived from JWT_SECRET (never the JWT key itself). */
export function pressLinkKey(values: Pick<Settings, 'PRESS_LINK_SECRET' | 'JWT_SECRET'> = settings()): Buffer {
  if (values.PRESS_LINK_SECRET) return Buffer.from(values.PRESS_LINK_SECRET);
  if (!values.JWT_SECRET) return FALLBACK_KEY;
  return createHash('sha256').update(`newsroom press file links\u0000${values.JWT_SECRET}`).digest();
}

type Packed = [journalistId: number, fileId: number, format: string, documentId: string, locale: string, exp: number];

const mac = (key: Buffer, payload: string) => createHmac('sha256', key).update(payload).digest();

export function signPressFileGrant(key: Buffer, grant: PressFileGrant): string {
  const packed: Packed = [
    grant.journalistId,
    grant.fileId,
    grant.format ?? '',
    grant.documentId,
    grant.locale,
    grant.expiresAt,
  ];
  const payload = Buffer.from(JSON.stringify(packed)).toString('base64url');
  return `${payload}.${mac(key, payload).toString('base64url')}`;
}

const isPacked = (value: unknown): value is Packed =>
  Array.isArray(value) &&
  value.length === 6 &&
  Number.isSafeInteger(value[0]) &&
  Number.isSafeInteger(value[1]) &&
  typeof value[2] === 'string' &&
  typeof value[3] === 'string' &&
  typeof value[4] === 'string' &&
  Number.isSafeInteger(value[5]);

/** The grant of a link that this app signed and that has not expired; PressFileLinkError otherwise. */
export function verifyPressFileToken(key: Buffer, token: string, nowMs: number = Date.now()): PressFileGrant {
  const match = /^([\w-]{1,400})\.([\w-]{43})$/.exec(token);
  if (!match) throw new PressFileLinkError('malformed');
  const [, payload, signature] = match;
  // Compared as text: a changed character always fails (decoding would ignore a last character's spare bits).
  const given = Buffer.from(signature);
  const expected = Buffer.from(mac(key, payload).toString('base64url'));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new PressFileLinkError('forged');
  let packed: unknown;
  try {
    packed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    packed = null;
  }
  // Signed by this app, so well-formed unless the key leaked: refused all the same.
  if (!isPacked(packed)) throw new PressFileLinkError('malformed');
  const [journalistId, fileId, format, documentId, locale, expiresAt] = packed;
  if (expiresAt * 1000 <= nowMs) throw new PressFileLinkError('expired');
  return { journalistId, fileId, format: format || null, documentId, locale, expiresAt };
}

type File = { id?: unknown; url?: unknown; formats?: Record<string, File> | null };
type Release = {
  documentId: string;
  locale: string;
  embargoed: boolean;
  cover?: File | null;
  seo?: (Record<string, unknown> & { image?: File | null }) | null;
  body?: unknown;
};

/**
 * The release as this journalist gets it: under embargo, every file URL (the cover and its sizes, the SEO image, the
 * pictures in its body) replaced by a link signed for them; once public, unchanged (the public URLs work again).
 * `pressKit` is where its press kit is: a link signed for them while the embargo holds, then the public one.
 */
export function withPressFileLinks<T extends Release>(
  audience: JournalistAudience,
  release: T,
  options: { key?: Buffer; ttlSeconds?: number; nowMs?: number } = {},
): T & { pressKit: string } {
  if (!release.embargoed)
    return { ...release, pressKit: `/api/press-releases/${encodeURIComponent(release.documentId)}/press-kit.zip` };
  const key = options.key ?? pressLinkKey();
  const ttl = options.ttlSeconds ?? settings().PRESS_LINK_TTL_SECONDS;
  const expiresAt = Math.floor((options.nowMs ?? Date.now()) / 1000) + ttl;
  const link = (fileId: number, format: string | null) =>
    (format === PRESS_KIT_GRANT ? PRESS_KIT_PATH : PRESS_FILE_PATH) +
    signPressFileGrant(key, {
      journalistId: audience.journalistId,
      fileId,
      format,
      documentId: release.documentId,
      locale: release.locale,
      expiresAt,
    });
  const linked = (file: File | null | undefined): File | null | undefined => {
    if (!file || typeof file.id !== 'number') return file;
    const fileId = file.id;
    const formats = file.formats
      ? Object.fromEntries(
          Object.entries(file.formats).map(([name, format]) => [name, { ...format, url: link(fileId, name) }]),
        )
      : file.formats;
    return { ...file, url: link(fileId, null), formats };
  };
  const seo = release.seo?.image ? { ...release.seo, image: linked(release.seo.image) } : release.seo;
  const body = Array.isArray(release.body)
    ? release.body.map((block: unknown) =>
        isBodyImage(block) ? { ...block, image: linked(block.image as File) } : block,
      )
    : release.body;
  return { ...release, cover: linked(release.cover), seo, body, pressKit: link(0, PRESS_KIT_GRANT) };
}
