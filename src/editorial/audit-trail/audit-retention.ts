import type { Core } from '@strapi/strapi';
import { settings } from '../../platform/settings/newsroom-settings';
import { AUDIT_EVENTS } from './audit-event';

const DAY_MS = 24 * 3600 * 1000;

/**
 * Removes the entries older than the retention (AUDIT_RETENTION_DAYS). The table's trigger refuses every other
 * deletion: this transaction names its cut-off in a local setting the trigger checks, and the trigger still keeps
 * anything younger than a day. Returns how many entries went.
 */
export async function purgeExpiredAuditEntries(
  strapi: Core.Strapi,
  retentionDays = settings().AUDIT_RETENTION_DAYS,
): Promise<number> {
  const cutOff = new Date(Date.now() - retentionDays * DAY_MS);
  const purged = await strapi.db.connection.transaction(async (trx) => {
    await trx.raw("SELECT set_config('newsroom.audit_purge_before', ?, true)", [cutOff.toISOString()]);
    return trx(AUDIT_EVENTS).where('occurred_at', '<', cutOff).del();
  });
  return Number(purged ?? 0);
}

/** At start, then every night (Strapi's cron): each instance may purge, the result is the same. */
export async function keepAuditRetention(strapi: Core.Strapi): Promise<void> {
  const purge = async () => {
    try {
      const purged = await purgeExpiredAuditEntries(strapi);
      if (purged > 0) strapi.log.info(`Audit trail: ${purged} entries past the retention purged.`);
    } catch (error) {
      strapi.log.error(`Audit trail: the retention purge failed: ${(error as Error).message}`);
    }
  };
  strapi.cron.add({ newsroomAuditRetention: { task: purge, options: { rule: '17 3 * * *' } } });
  await purge();
}
