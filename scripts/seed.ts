/** npm run seed — loads database/seeds/ (idempotent: what is already there is left as it is). */
import { seedNewsroom, seedsDirectory } from '../src/editorial/seed/seed-newsroom';
import { runCli, runWithNewsroom } from './run-with-newsroom';

runCli(async () => {
  const report = await runWithNewsroom((strapi) => seedNewsroom(strapi, seedsDirectory(strapi)));
  console.log(
    `Seed: created ${report.createdReleases.length} (${report.createdReleases.join(', ') || 'none'}), ` +
      `already present ${report.skippedReleases.length}.`,
  );
});
