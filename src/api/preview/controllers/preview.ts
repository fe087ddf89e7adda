import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PUBLIC_RELEASE_POPULATE } from '../../../read-side/public-shape';
import { PRESS_RELEASE_UID } from '../../../platform/content-model/content-type-uids';
import { publicOutputSanitizerOf } from '../../../read-side/public-output';
import { PreviewTokenError, verifyPreviewToken } from '../../../read-side/preview/preview-token';
import { settings } from '../../../platform/settings/newsroom-settings';

interface PreviewContext {
  params: { documentId: string };
  query: Record<string, unknown>;
  state: Record<string, unknown>;
  body: unknown;
  set(field: string, value: string): void;
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /api/preview/press-releases/:documentId?token= — the version an editor is previewing. */
  async pressRelease(ctx: PreviewContext) {
    let grant;
    try {
      grant = verifyPreviewToken(settings().PREVIEW_SECRET, ctx.query.token);
    } catch (error) {
      if (error instanceof PreviewTokenError) throw new errors.UnauthorizedError(error.message);
      throw error;
    }
    if (grant.documentId !== ctx.params.documentId)
      throw new errors.UnauthorizedError('The preview token is for another release.');
    ctx.set('Cache-Control', 'no-store');
    ctx.set('X-Robots-Tag', 'noindex, nofollow');
    ctx.state.newsroomPreview = true; // the embargo filter lets an editor's preview through
    const release = await strapi.documents(PRESS_RELEASE_UID).findOne({
      documentId: grant.documentId,
      locale: grant.locale,
      status: grant.status,
      populate: PUBLIC_RELEASE_POPULATE as never,
    });
    if (!release)
      throw new errors.NotFoundError(`No ${grant.status} version of ${grant.documentId} in "${grant.locale}".`);
    // The version as the public would get it once live: the public shape, without private fields (review stage,
    // media folders), whatever the link is shared with.
    const sanitize = await publicOutputSanitizerOf(strapi);
    ctx.body = {
      data: sanitize(release, PRESS_RELEASE_UID),
      meta: { preview: true, status: grant.status, expiresAt: new Date(grant.expiresAt).toISOString() },
    };
  },
});
