import { createHmac, timingSafeEqual } from 'node:crypto';
import { settings, type Settings } from '../../platform/settings/newsroom-settings';

/** What a preview link may show: one document, one locale, one version, until it expires. */
export interface PreviewGrant {
  documentId: string;
  locale: string;
  status: 'draft' | 'published';
  expiresAt: number; // ms since epoch
}

export class PreviewTokenError extends Error {}

const sign = (secret: string, payload: string) => createHmac('sha256', secret).update(payload).digest('base64url');

export function createPreviewToken(secret: string, grant: PreviewGrant): string {
  if (!secret) throw new PreviewTokenError('PREVIEW_SECRET is not set.');
  const payload = Buffer.from(JSON.stringify(grant)).toString('base64url');
  return `${payload}.${sign(secret, payload)}`;
}

/** The grant of a valid, unexpired token; PreviewTokenError otherwise. */
export function verifyPreviewToken(secret: string, token: unknown, now: number = Date.now()): PreviewGrant {
  if (!secret) throw new PreviewTokenError('Preview is not configured (PREVIEW_SECRET).');
  if (typeof token !== 'string' || !/^[\w-]+\.[\w-]+$/.test(token))
    throw new PreviewTokenError('A preview token is required.');
  const [payload, signature] = token.split('.');
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    throw new PreviewTokenError('The preview token is not valid.');
  let grant: PreviewGrant;
  try {
    grant = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as PreviewGrant;
  } catch {
    throw new PreviewTokenError('The preview token is not valid.');
  }
  if (typeof grant.expiresAt !== 'number' || grant.expiresAt <= now)
    throw new PreviewTokenError('The preview token has expired: open the preview again from the admin panel.');
  return grant;
}

export function previewTtlMs(values: Settings = settings()): number {
  return values.PREVIEW_TOKEN_TTL_SECONDS * 1000;
}
