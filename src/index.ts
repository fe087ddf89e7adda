import type { Core } from '@strapi/strapi';
import { settings } from './platform/settings/newsroom-settings';
import { registerRootRoutes } from './channels/feeds/root-routes';
import { syncFrontendWebhook } from './delivery/webhooks/frontend-webhook';
import { ensureEditorAccount, ensureNewsroomRole } from './editorial/newsroom-setup/editor-role';
import { assertProductionSecrets } from './platform/operations/production-secrets';
import { warnOnUncheckedStrapiVersion } from './platform/operations/strapi-internals';
import { surviveBackgroundDatabaseFailures } from './platform/operations/background-database-failures';
import { drainInFlightRequests, shutdownGraceMs, trackInFlightRequests } from './platform/operations/graceful-shutdown';
import { responseCacheFor } from './delivery/http-cache/response-cache-registry';
import { openCacheFrontDoor } from './delivery/http-cache/cache-front-door';
import { requestLogOf } from './delivery/request-log/request-log';
import { ensureFirstAdmin } from './editorial/newsroom-setup/first-admin';
import { ensureNewsroomLocales } from './platform/content-model/locales';
import { registerGraphqlRelationBatching } from './read-side/graphql/graphql-relation-batching';
import { grantPublicReadPermissions } from './read-side/public-permissions';
import { seedNewsroom, seedsDirectory } from './editorial/seed/seed-newsroom';
import { registerSearchGraphql } from './channels/search/search-graphql';
import {
  bringReadModelInStep,
  permissionChecksSettled,
  rebuildReadModelOnPermissionChange,
} from './read-side/read-model/read-model-rebuild';
import { syncReadModelOnMediaChange } from './delivery/on-write/read-model-sync';
import { registerGraphqlLocalizationsGuard } from './read-side/read-model/strapi-path-guard';
import { registerWritePipeline } from './write-pipeline';
import { registerGraphqlReadModel } from './read-side/read-model/graphql-reads';
import { registerPlainFieldResolvers } from './read-side/graphql/graphql-plain-field-resolvers';
import { writeRobotsTxt } from './channels/sitemaps/robots-txt';
import { publicSiteUrl } from './read-side/public-urls';
import { closeRedisConnections } from './platform/redis/redis-connection';
import { cdnPurgerOf } from './delivery/cdn/cdn-purge';
import { goLiveOf } from './delivery/go-live/go-live-scheduler';
import { guardQueryFieldNames } from './read-side/query-field-names';
import { stockPublicReads } from './read-side/stock-reads';
import { acceptedTypesOf } from './editorial/media-library/accepted-types';
import { assertAcceptedTypesRecognisable } from './editorial/media-library/upload-admission';
import { replaySecurityHeaders } from './delivery/security-headers/replayed-security-headers';
import { registerAuditAdminRoutes } from './editorial/audit-trail/audit-admin-routes';
import { keepAuditRetention } from './editorial/audit-trail/audit-retention';
import { ensureReviewStageColumn } from './editorial/review-workflow/review-stage-column';
import { registerReviewHistoryRoute } from './editorial/review-workflow/review-history-routes';
import { hideCorrectedAtInEditView } from './editorial/corrections/corrected-at-edit-view';
import { titleReleasesByHeadline } from './editorial/newsroom-setup/release-title-in-panel';
import { withoutMarketplace } from './editorial/newsroom-setup/no-marketplace';
import { registerReleaseVersionRoutes } from './editorial/release-versions/release-versions-routes';
import { openJournalistSignUp } from './press-access/journalist-sign-up';
import { keepPressRecordsOutOfGraphql } from './press-access/press-graphql';
import { setUpPressRecordViews } from './press-access/press-records-view';
import { lookForPressNotices } from './press-access/press-notices';
import { closeMailConnections, mailSettled } from './platform/mail/send-mail';
import { lookForSubscriptionMail, subscriptionSenderOf } from './delivery/subscriptions/subscription-outbox';
import { activitySenderOf, lookForFederatedActivities } from './delivery/activitypub/activity-deliveries';
import { registerPressAccessLogRoute } from './press-access/press-access-log-routes';
import { registerPhotoRightsRoute } from './editorial/media-library/photo-rights-routes';
import {
  registerSubscriberAdminRoutes,
  registerSubscriberExportAction,
} from './delivery/subscriptions/subscriber-admin-routes';
import { registerTestEmailRoute } from './delivery/subscriptions/test-email-route';
import { registerPressPortal } from './press-access/portal/portal-routes';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    assertProductionSecrets();
    warnOnUncheckedStrapiVersion(strapi);
    surviveBackgroundDatabaseFailures(strapi);
    replaySecurityHeaders(strapi);
    withoutMarketplace(strapi);
    registerSubscriberExportAction(strapi);
    const stock = stockPublicReads(); // the tests' oracle: none of the public read code below
    if (!stock) guardQueryFieldNames(strapi);
    registerWritePipeline(strapi, { stock });
    syncReadModelOnMediaChange(strapi);
    registerSearchGraphql(strapi);
    keepPressRecordsOutOfGraphql(strapi);
    if (!stock) {
      registerGraphqlRelationBatching(strapi);
      registerGraphqlLocalizationsGuard(strapi);
      registerGraphqlReadModel(strapi);
      registerPlainFieldResolvers(strapi);
    }
    registerRootRoutes(strapi);
    registerPressPortal(strapi);
    registerAuditAdminRoutes(strapi);
    registerReleaseVersionRoutes(strapi);
    registerReviewHistoryRoute(strapi);
    registerPressAccessLogRoute(strapi);
    registerPhotoRightsRoute(strapi);
    registerSubscriberAdminRoutes(strapi);
    registerTestEmailRoute(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    const config = settings();
    trackInFlightRequests(strapi);
    openCacheFrontDoor(strapi);
    await keepAuditRetention(strapi);
    await assertAcceptedTypesRecognisable(acceptedTypesOf(strapi));
    await ensureNewsroomLocales(strapi);
    await grantPublicReadPermissions(strapi);
    await openJournalistSignUp(strapi);
    if (config.SEED_ON_START) {
      const report = await seedNewsroom(strapi, seedsDirectory(strapi));
      if (report.createdReleases.length > 0) strapi.log.info(`Seeded ${report.createdReleases.join(', ')}`);
    }
    const projected = await bringReadModelInStep(strapi);
    if (projected > 0) strapi.log.info(`Public read model: brought ${projected} releases in step.`);
    rebuildReadModelOnPermissionChange(strapi, () => responseCacheFor(strapi).clear());
    // Announces what went live or stopped being live, embargo ends while the app was down included; and tells
    // journalists what was shared with them and what was released.
    goLiveOf(strapi).alsoOnEachLook('Press notices', () => lookForPressNotices(strapi));
    // Emails subscribers (src/delivery/subscriptions) of what went live, once each.
    goLiveOf(strapi).alsoOnEachLook('Subscription emails', () => lookForSubscriptionMail(strapi));
    // Tells followers in the fediverse (ACTIVITYPUB=on), once per inbox.
    goLiveOf(strapi).alsoOnEachLook('ActivityPub deliveries', () => lookForFederatedActivities(strapi));
    await goLiveOf(strapi).start();
    await writeRobotsTxt(strapi, publicSiteUrl());
    await syncFrontendWebhook(strapi, { url: config.WEBHOOK_URL || undefined });
    await ensureNewsroomRole(strapi, 'editor');
    await ensureNewsroomRole(strapi, 'author');
    await ensureReviewStageColumn(strapi);
    await hideCorrectedAtInEditView(strapi);
    await titleReleasesByHeadline(strapi);
    await setUpPressRecordViews(strapi);
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
    await subscriptionSenderOf(strapi).stop();
    await activitySenderOf(strapi).stop();
    await permissionChecksSettled(strapi);
    await cdnPurgerOf(strapi).settled();
    await mailSettled(strapi);
    closeMailConnections(strapi);
    await closeRedisConnections(strapi);
    await requestLogOf(strapi).flush();
  },
};
