import { DEFAULT_LOCALE } from '../../platform/content-model/locales';
import { createPreviewToken, previewTtlMs } from './preview-token';

/** The reader page's preview URL for a document version, carrying an expiring signed token. */
export function previewUrl(
  siteUrl: string,
  secret: string,
  params: { documentId: string; locale?: string; status?: string },
  now: number = Date.now(),
): string {
  const locale = params.locale || DEFAULT_LOCALE;
  const status = params.status === 'published' ? 'published' : 'draft';
  const token = createPreviewToken(secret, {
    documentId: params.documentId,
    locale,
    status,
    expiresAt: now + previewTtlMs(),
  });
  const query = new URLSearchParams({ documentId: params.documentId, locale, status, token });
  return `${siteUrl}/preview?${query.toString()}`;
}
