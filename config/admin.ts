import type { Core } from '@strapi/strapi';
import { previewUrl } from '../src/read-side/preview/preview-url';
import { publicSiteUrl } from '../src/read-side/public-urls';
import { settings } from '../src/platform/settings/newsroom-settings';

const PREVIEWABLE = new Set(['api::press-release.press-release']);

const adminConfig = (): Core.Config.Admin => {
  const config = settings();
  return {
    auth: {
      secret: config.ADMIN_JWT_SECRET,
    },
    apiToken: {
      salt: config.API_TOKEN_SALT,
    },
    transfer: {
      token: {
        salt: config.TRANSFER_TOKEN_SALT,
      },
    },
    secrets: {
      encryptionKey: config.ENCRYPTION_KEY,
    },
    flags: {
      nps: false,
      promoteEE: false,
    },
    autoOpen: false,
    // Editors preview drafts on the reader page (Strapi's free preview). The URL carries a signed token that
    // expires (PREVIEW_TOKEN_TTL_SECONDS); without it the reader page shows only the public version.
    preview: {
      enabled: Boolean(config.PREVIEW_SECRET),
      config: {
        allowedOrigins: [new URL(publicSiteUrl()).origin],
        async handler(uid, { documentId, locale, status }) {
          if (!PREVIEWABLE.has(uid)) return null;
          return previewUrl(publicSiteUrl(), config.PREVIEW_SECRET, { documentId, locale, status });
        },
      },
    },
  };
};

export default adminConfig;
