import type { Core } from '@strapi/strapi';
import { probeDatabase } from '../../../platform/operations/database-probe';
import { isShuttingDown } from '../../../platform/operations/graceful-shutdown';

const READINESS_TIMEOUT_MS = 2000;

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /api/ready — 200 when the database answers within 2 s, else 503 with the reason (also while shutting down). */
  async ready(ctx: { status: number; body: unknown; set(field: string, value: string): void }) {
    ctx.set('Cache-Control', 'no-store');
    if (isShuttingDown(strapi)) {
      ctx.status = 503;
      ctx.body = { status: 'shutting down', database: 'not checked' };
      return;
    }
    try {
      await probeDatabase(strapi, READINESS_TIMEOUT_MS);
      ctx.body = { status: 'ready', database: 'up' };
    } catch (error) {
      ctx.status = 503;
      ctx.body = { status: 'unavailable', database: 'down', error: (error as Error).message };
    }
  },
});
