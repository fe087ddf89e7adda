import type { Core } from '@strapi/strapi';
import { settings } from './settings/newsroom-settings';
import { registerRootRoutes } from './feeds/root-routes';
import { syncSharedFieldsOnPublish } from './embargo/shared-fields-on-publish';
import { syncFrontendWebhook } from './webhooks/frontend-webhook';
import { ensureEditorAccount, ensureNewsroomRole } from './newsroom-setup/editor-role';
import { assertProductionSecrets } from './operations/production-secrets';
import { warnOnUncheckedStrapiVersion } from './operations/strapi-internals';
import { surviveBackgroundDatabaseFailures } from './operations/background-database-failures';
import { drainInFlightRequests, shutdownGraceMs, trackInFlightRequests } from './operations/graceful-shutdown';
import { clearResponseCacheOnWrite } from './http-cache/clear-on-write-middleware';
import { responseCacheFor } from './http-cache/response-cache-registry';
import { openCacheFrontDoor } from './http-cache/cache-front-door';
import { ensureFirstAdmin } from './newsroom-setup/first-admin';
import { ensureNewsroomLocales } from './newsroom-setup/locales';
import { registerGraphqlRelationBatching } from './public-access/graphql-relation-batching';
import { grantPublicReadPermissions } from './public-access/public-permissions';
import { seedNewsroom, seedsDirectory } from './seed/seed-newsroom';
import { registerSearchGraphql } from './search/search-graphql';
import {
  bringReadModelInStep,
  permissionChecksSettled,
  rebuildReadModelOnPermissionChange,
} from './public-read-model/read-model-rebuild';
import { readModelSyncMiddleware, syncReadModelOnMediaChange } from './public-read-model/read-model-sync';
import { registerGraphqlLocalizationsGuard, strapiPathGuard } from './public-read-model/strapi-path-guard';
import { registerGraphqlReadModel } from './public-read-model/graphql-reads';
import { registerPlainFieldResolvers } from './public-access/graphql-plain-field-resolvers';
import { writeRobotsTxt } from './sitemaps/robots-txt';
import { publicSiteUrl } from './public-urls/public-urls';
import { closeRedisConnections } from './redis/redis-connection';
import { cdnPurgerOf } from './cdn/cdn-purge';
import { goLiveOf } from './go-live/go-live-scheduler';
import { uniqueSlugMiddleware } from './slugs/unique-slug-middleware';
import { guardQueryFieldNames } from './public-access/query-field-names';
import { stockPublicReads } from './public-access/stock-reads';
import { acceptedTypesOf } from './media-library/accepted-types';
import { assertAcceptedTypesRecognisable } from './media-library/upload-admission';
import { coverAltTextOnPublish } from './media-library/cover-alt-text-on-publish';
import { deleteUnusedMediaWithRelease } from './media-library/unused-media-on-delete';
import { replaySecurityHeaders } from './security-headers/replayed-security-headers';
import { registerAuditAdminRoutes } from './audit-trail/audit-admin-routes';
import { keepAuditRetention } from './audit-trail/audit-retention';
import { reviewWorkflowMiddleware } from './review-workflow/review-workflow-middleware';
import { ensureReviewStageColumn } from './review-workflow/review-stage-column';
import { registerReviewHistoryRoute } from './review-workflow/review-history-routes';
import { hideCorrectedAtInEditView } from './corrections/corrected-at-edit-view';
import { titleReleasesByHeadline } from './newsroom-setup/release-title-in-panel';
import { recordReleaseVersions } from './release-versions/record-release-versions';
import { registerReleaseVersionRoutes } from './release-versions/release-versions-routes';
import { dateCorrectionsOnPublish } from './corrections/date-corrections-on-publish';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    assertProductionSecrets();
    warnOnUncheckedStrapiVersion(strapi);
    surviveBackgroundDatabaseFailures(strapi);
    replaySecurityHeaders(strapi);
    const stock = stockPublicReads(); // the tests' oracle: none of the public read code below
    if (!stock) guardQueryFieldNames(strapi);
    strapi.documents.use(uniqueSlugMiddleware(strapi));
    if (!stock) strapi.documents.use(strapiPathGuard(strapi));
    strapi.documents.use(clearResponseCacheOnWrite(strapi, responseCacheFor(strapi)));
    // Outside the read model's transaction: files go only once the release's deletion is committed.
    strapi.documents.use(deleteUnusedMediaWithRelease(strapi));
    // Inside the cache clearing: the cache empties once the write and its read-model rows are committed.
    strapi.documents.use(readModelSyncMiddleware(strapi));
    // Inside the read model's transaction: a refused stage move or publish is taken back whole.
    strapi.documents.use(reviewWorkflowMiddleware(strapi));
    // Inside the read model's transaction: a version exists exactly when its write was committed.
    strapi.documents.use(recordReleaseVersions(strapi));
    // Inside the read model's transaction: a refused publish is taken back whole.
    strapi.documents.use(coverAltTextOnPublish(strapi));
    // Inside the read model's sync, so that the rows it writes carry the shared fields this writes.
    strapi.documents.use(syncSharedFieldsOnPublish(strapi));
    // Dates a correction note on the draft before Strapi copies the draft into the published version.
    strapi.documents.use(dateCorrectionsOnPublish(strapi));
    syncReadModelOnMediaChange(strapi);
    registerSearchGraphql(strapi);
    if (!stock) {
      registerGraphqlRelationBatching(strapi);
      registerGraphqlLocalizationsGuard(strapi);
      registerGraphqlReadModel(strapi);
      registerPlainFieldResolvers(strapi);
    }
    registerRootRoutes(strapi);
    registerAuditAdminRoutes(strapi);
    registerReleaseVersionRoutes(strapi);
    registerReviewHistoryRoute(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    const config = settings();
    trackInFlightRequests(strapi);
    openCacheFrontDoor(strapi);
    await keepAuditRetention(strapi);
    await assertAcceptedTypesRecognisable(acceptedTypesOf(strapi));
    await ensureNewsroomLocales(strapi);
    await grantPublicReadPermissions(strapi);
    if (config.SEED_ON_START) {
      const report = await seedNewsroom(strapi, seedsDirectory(strapi));
      if (report.createdReleases.length > 0) strapi.log.info(`Seeded ${report.createdReleases.join(', ')}`);
    }
    const projected = await bringReadModelInStep(strapi);
    if (projected > 0) strapi.log.info(`Public read model: brought ${projected} releases in step.`);
    rebuildReadModelOnPermissionChange(strapi, () => responseCacheFor(strapi).clear());
    // Announces what went live or stopped being live, embargo ends while the app was down included.
    await goLiveOf(strapi).start();
    await writeRobotsTxt(strapi, publicSiteUrl());
    await syncFrontendWebhook(strapi, { url: config.WEBHOOK_URL || undefined });
    await ensureNewsroomRole(strapi, 'editor');
    await ensureNewsroomRole(strapi, 'author');
    await ensureReviewStageColumn(strapi);
    await hideCorrectedAtInEditView(strapi);
    await titleReleasesByHeadline(strapi);
    if (config.EDITOR_EMAIL && config.EDITOR_PASSWORD) {
      await ensureEditorAccount(strapi, { email: config.EDITOR_EMAIL, password: config.EDITOR_PASSWORD });
    }
    if (config.AUTHOR_EMAIL && config.AUTHOR_PASSWORD) {
      const author = { email: config.AUTHOR_EMAIL, password: config.AUTHOR_PASSWORD, role: 'author' as const };
      await ensureEditorAccount(strapi, author);
    }
    await ensureFirstAdmin(strapi, {
      email: config.ADMIN_EMAIL || undefined,
      password: config.ADMIN_PASSWORD || undefined,
    });
  },

  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await drainInFlightRequests(strapi, shutdownGraceMs());
    await goLiveOf(strapi).stop();
    await permissionChecksSettled(strapi);
    await cdnPurgerOf(strapi).settled();
    await closeRedisConnections(strapi);
  },
};
