import type { Core } from '@strapi/strapi';
import { cacheControlHeader, cachePolicyFrom } from '../../../delivery/http-cache/cache-policy';
import { DEFAULT_LOCALE } from '../../../platform/content-model/locales';
import { publicApiDocument } from '../../../channels/openapi/public-api-document';
import type { ModelOf } from '../../../channels/openapi/content-type-schemas';
import { knownLocaleCodes } from '../../../read-side/known-locales';
import { publicApiUrl } from '../../../read-side/public-urls';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /openapi.json — the OpenAPI 3.1 description of the public API, with the locales accepted now. */
  async document(ctx: { body: unknown }) {
    const codes = await knownLocaleCodes(strapi);
    ctx.body = publicApiDocument({
      apiUrl: publicApiUrl(strapi),
      version: String(strapi.config.get('info.version', '0.0.0')),
      // The default first, the rest in a stable order: the same locales give the same bytes and ETag.
      locales: [DEFAULT_LOCALE, ...codes.filter((code) => code !== DEFAULT_LOCALE).sort()],
      defaultLocale: DEFAULT_LOCALE,
      defaultPageSize: Number(strapi.config.get('api.rest.defaultLimit', 25)),
      maxPageSize: Number(strapi.config.get('api.rest.maxLimit', 100)),
      cacheControl: cacheControlHeader(cachePolicyFrom()),
      modelOf: ((uid: string) => strapi.getModel(uid as never)) as ModelOf,
    });
  },
});
