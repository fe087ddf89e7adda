/**
 * npm run seed:scale -- --count N [--batch-size B]
 * npm run seed:scale -- --remove
 *
 * Loads N deterministic synthetic press releases (ru, en and az, published, with topics, entities, a source
 * and public read-model rows) for measuring the service at scale; see src/editorial/seed/scale-releases.ts.
 * Idempotent: the same N adds nothing, a bigger N adds the difference. `--remove` deletes every synthetic
 * release again.
 * A running server keeps its response cache: restart it, or allow RESPONSE_CACHE_TTL_SECONDS.
 */
import { parseArgs } from 'node:util';
import {
  loadScaleReleases,
  removeScaleReleases,
  SCALE_DEFAULT_BATCH,
  SCALE_MAX_COUNT,
} from '../src/editorial/seed/scale-releases';
import { runCli, runWithNewsroom, UsageError } from './run-with-newsroom';

const USAGE = 'usage: npm run seed:scale -- --count N [--batch-size B]   |   npm run seed:scale -- --remove';

function wholeNumber(value: string | undefined, name: string, max: number): number {
  if (value === undefined || !/^\d+$/.test(value.trim()) || Number(value) < 1 || Number(value) > max) {
    throw new UsageError(
      `${name} must be a whole number from 1 to ${max.toLocaleString('en')} ` +
        `(got ${JSON.stringify(value ?? '')}).\n${USAGE}`,
    );
  }
  return Number(value);
}

function readOptions(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        count: { type: 'string' },
        'batch-size': { type: 'string' },
        remove: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const { count, remove } = parsed.values;
  if (remove) {
    if (count !== undefined) throw new UsageError(`--remove and --count cannot be combined.\n${USAGE}`);
    return { remove: true as const };
  }
  if (count === undefined) throw new UsageError(`--count is required.\n${USAGE}`);
  return {
    remove: false as const,
    count: wholeNumber(count, '--count', SCALE_MAX_COUNT),
    batchSize:
      parsed.values['batch-size'] === undefined
        ? SCALE_DEFAULT_BATCH
        : wholeNumber(parsed.values['batch-size'], '--batch-size', 50_000),
  };
}

runCli(async () => {
  const options = readOptions(process.argv.slice(2));
  if (options.remove) {
    const removed = await runWithNewsroom((strapi) => removeScaleReleases(strapi));
    console.log(`Removed ${removed.releases.toLocaleString('en')} synthetic releases.`);
    return;
  }
  const report = await runWithNewsroom((strapi) =>
    loadScaleReleases(strapi, options.count, {
      batchSize: options.batchSize,
      onProgress: ({ processed, created, count }) =>
        console.log(
          `  ${processed.toLocaleString('en')} / ${count.toLocaleString('en')} checked, ` +
            `${created.toLocaleString('en')} created`,
        ),
    }),
  );
  console.log(
    `Synthetic releases 1–${report.count.toLocaleString('en')}: created ${report.created.toLocaleString('en')}, ` +
      `already present ${report.alreadyPresent.toLocaleString('en')} ` +
      `(${report.seconds.toFixed(1)} s; ru, en and az, published).`,
  );
  if (report.created > 0) {
    console.log(
      'A server already running may serve cached lists for up to RESPONSE_CACHE_TTL_SECONDS: ' +
        'restart it to see them at once.',
    );
  }
});
