/**
 * The Newsroom app as the benchmark measures it: `strapi start`'s server, on DATABASE_URL, on PORT.
 * With BENCH_LOAD_RELEASES=N it first makes sure N synthetic releases exist (`seed:scale`'s generator; with
 * BENCH_LOAD_ONLY=true it then exits), and times writes and a go-live's emails when the bench asks
 * (bench/write-costs.ts, bench/mail-costs.ts).
 */
import { compileStrapi, createStrapi } from '@strapi/strapi';
import { PROJECT_ROOT } from '../scripts/embedded-database';
import { loadScaleReleases } from '../src/editorial/seed/scale-releases';
import { measureWriteCosts } from './write-costs';
import { measureGoLiveMail } from './mail-costs';

(async () => {
  // The bench compiles once before starting instances (as `npm run build` before `npm start`).
  const dirs = process.env.NEWSROOM_DIST_DIR
    ? { appDir: PROJECT_ROOT, distDir: process.env.NEWSROOM_DIST_DIR }
    : await compileStrapi({ appDir: PROJECT_ROOT });
  const app = await createStrapi({ ...dirs, autoReload: false, serveAdminPanel: false }).load();
  const releases = Number(process.env.BENCH_LOAD_RELEASES ?? 0);
  if (releases > 0) await loadScaleReleases(app, releases);
  if (process.env.BENCH_LOAD_ONLY === 'true') {
    await app.destroy(); // the bench's loader: the data is in, the measured instances start afresh
    process.exit(0);
  }
  await app.listen();
  // The bench asks the instance that loaded the data to time writes once the read layers are measured.
  process.on('message', (message) => {
    if (message === 'measure-mail') {
      measureGoLiveMail(app, Number(process.env.BENCH_MAIL_SUBSCRIBERS ?? 10_000)).then(
        (mail) => process.send?.({ mail }),
        (error: unknown) => process.send?.({ error: String(error) }),
      );
    }
    if (message !== 'measure-writes') return;
    measureWriteCosts(app).then(
      (writes) => process.send?.({ writes }),
      (error: unknown) => process.send?.({ error: String(error) }),
    );
  });
  process.send?.('ready');
})().catch((error) => {
  console.error(error, JSON.stringify((error as { details?: unknown }).details));
  process.exit(1);
});
