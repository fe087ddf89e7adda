/** The Newsroom app as the benchmark measures it: `strapi start`'s server, on DATABASE_URL, on PORT. */
import { compileStrapi, createStrapi } from '@strapi/strapi';
import { PROJECT_ROOT } from '../scripts/embedded-database';
import { createSyntheticReleases } from './synthetic-releases';

(async () => {
  const dirs = await compileStrapi({ appDir: PROJECT_ROOT });
  const app = await createStrapi({ ...dirs, autoReload: false, serveAdminPanel: false }).load();
  await createSyntheticReleases(app, Number(process.env.BENCH_RELEASES ?? 100));
  await app.listen();
  process.send?.('ready');
})().catch((error) => {
  console.error(error, JSON.stringify((error as { details?: unknown }).details));
  process.exit(1);
});
