import { factories } from '@strapi/strapi';
import { DEFAULT_LOCALE } from '../../../newsroom-setup/locales';

const UID = 'api::press-release.press-release';

export default factories.createCoreController(UID, ({ strapi }) => ({
  /** GET /api/press-releases/slug/:slug?locale= — the published release with that slug in that locale. */
  async findBySlug(ctx) {
    const slug = String(ctx.params.slug);
    await this.validateQuery!(ctx);
    const query = await this.sanitizeQuery!(ctx);
    const locale = typeof query.locale === 'string' ? query.locale : DEFAULT_LOCALE;
    const release = await strapi.documents(UID).findFirst({
      ...query,
      locale,
      filters: { slug },
      status: 'published',
    });
    if (!release) {
      return ctx.notFound(`No published press release has the slug "${slug}" in locale "${locale}".`);
    }
    const sanitized = await this.sanitizeOutput!(release, ctx);
    return this.transformResponse!(sanitized);
  },
}));
