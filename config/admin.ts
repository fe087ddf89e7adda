import type { Core } from '@strapi/strapi';
import { previewUrl } from '../src/preview/preview-url';
import { publicSiteUrl } from '../src/public-urls/public-urls';

const PREVIEWABLE = new Set(['api::press-release.press-release']);

const adminConfig = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Admin => ({
  auth: {
    secret: env('ADMIN_JWT_SECRET', ''),
  },
  apiToken: {
    salt: env('API_TOKEN_SALT', ''),
  },
  transfer: {
    token: {
      salt: env('TRANSFER_TOKEN_SALT', ''),
    },
  },
  secrets: {
    encryptionKey: env('ENCRYPTION_KEY', ''),
  },
  flags: {
    nps: false,
    promoteEE: false,
  },
  autoOpen: false,
  // Editors preview drafts on the reader page (Strapi's free preview). The URL carries a signed token that
  // expires (PREVIEW_TOKEN_TTL_SECONDS); without it the reader page shows only the public version.
  preview: {
    enabled: Boolean(env('PREVIEW_SECRET', '')),
    config: {
      allowedOrigins: [new URL(publicSiteUrl()).origin],
      async handler(uid, { documentId, locale, status }) {
        if (!PREVIEWABLE.has(uid)) return null;
        return previewUrl(publicSiteUrl(), env('PREVIEW_SECRET', ''), { documentId, locale, status });
      },
    },
  },
});

export default adminConfig;
