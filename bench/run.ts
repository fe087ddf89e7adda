/**
 * npm run bench [-- --quick] [-- --releases N]
 *
 * Measures each layer of the public read path side by side, in one run, at the same concurrency, and
 * reports ratios to the bare-Node anchors (absolute numbers drift on shared machines; ratios less so).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { compileStrapi } from '@strapi/strapi';
import { PROJECT_ROOT, startEmbeddedPostgres, type DatabaseHandle } from '../scripts/embedded-database';
import { generatedSecret } from '../scripts/ensure-env';
import { REQUIRED_SECRETS } from '../src/platform/operations/production-secrets';
import { heapLimitFlags, readSettings } from '../src/platform/settings/newsroom-settings';
import { TARGET_LAYERS, targetResults } from './targets';

const quick = process.argv.includes('--quick');
const releasesArg = process.argv.indexOf('--releases');
const RELEASES = releasesArg > 0 ? Number(process.argv[releasesArg + 1]) : Number(process.env.BENCH_RELEASES ?? 1000);
if (!Number.isInteger(RELEASES) || RELEASES < 1) {
  console.error('usage: npm run bench [-- --quick] [-- --releases N]   (N: a positive whole number of releases)');
  process.exit(2);
}
const DURATION = quick ? 2 : 15;
const WARMUP = quick ? 0 : 5;
const CONNECTIONS = 32;
/** Not a target: it tells how much of a 304's cost is its header bytes. */
const L0_NOT_MODIFIED_APP_HEADERS = "L0 bare http, 304 with the app's headers";

interface Row {
  name: string;
  /** An upper bound of p95 (autocannon reports p90 and p97.5). */
  p97_5: number;
  /** Peak resident memory of the busiest app instance while this layer ran (MB). */
  rssMb?: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  vsL0?: number;
  vsL1?: number;
  /** The L0 row this row's ×L0 is against, when not the list's (a single release's bytes). */
  anchor?: 'single';
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const EXEC_ARGV = ['--import', 'tsx'];

function start(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(PROJECT_ROOT, 'bench', script), args, {
      // App instances run with the heap limit `npm start` gives the app (HEAP_LIMIT_MB); the anchors with none.
      execArgv: [...EXEC_ARGV, ...(script === 'serve-newsroom.ts' ? heapLimitFlags(readSettings(process.env)) : [])],
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

/**
 * Loads the synthetic releases in a process of its own, as `npm run seed:scale` does beside a running service: the
 * measured instances start on the loaded database without the loader's heap.
 */
function loadReleases(env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(PROJECT_ROOT, 'bench', 'serve-newsroom.ts'), [], {
      execArgv: EXEC_ARGV,
      env: { ...process.env, ...env, BENCH_LOAD_ONLY: 'true' },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`loading exited with ${code}`))));
  });
}

/** The bytes an answer takes on the wire in one encoding (undecoded, as a CDN or a client's socket sees them). */
function bytesOnTheWire(url: string, encoding: 'br' | 'gzip'): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': encoding } }, (res) => {
        if (res.headers['content-encoding'] !== encoding) reject(new Error(`${url} was not sent in ${encoding}`));
        let length = 0;
        res.on('data', (chunk: Buffer) => (length += chunk.length));
        res.on('end', () => resolve(length));
      })
      .on('error', reject);
  });
}

/** Headers Node's `http` server sets on every answer by itself: the anchor's server adds them too. */
const CONNECTION_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

/** The headers of the app's 304 for a request, as raw name/value pairs (what an anchor replays). */
function notModifiedHeaders(url: string, headers: Record<string, string>): Promise<string[]> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        res.resume();
        if (res.statusCode !== 304) reject(new Error(`${url} answered ${res.statusCode}, not 304`));
        const pairs: string[] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) {
          if (!CONNECTION_HEADERS.has(res.rawHeaders[i].toLowerCase())) pairs.push(...res.rawHeaders.slice(i, i + 2));
        }
        resolve(pairs);
      })
      .on('error', reject);
  });
}

/** Resident memory of a process in MB (Linux /proc), 0 where unavailable. */
function rssMegabytes(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return Math.round(kb / 1024);
  } catch {
    return 0;
  }
}

let peakRss = 0;
let idleCheckUrls: string[] = [];

/** Waits until every app instance answers its health check quickly again (a slow layer leaves a backlog). */
async function settle(): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (const url of idleCheckUrls) {
    while (Date.now() < deadline) {
      const started = Date.now();
      await fetch(url).then((res) => res.arrayBuffer());
      if (Date.now() - started < 50) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

async function measure(name: string, opts: autocannon.Options, connections = CONNECTIONS): Promise<Row> {
  await settle();
  if (WARMUP > 0) await autocannon({ ...opts, connections, duration: WARMUP });
  peakRss = 0;
  const result = await autocannon({ ...opts, connections, duration: DURATION });
  const row = {
    name,
    reqPerSec: Math.round(result.requests.average),
    p50: result.latency.p50,
    p97_5: result.latency.p97_5,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    rssMb: peakRss || undefined,
  };
  console.log(`  measured ${name}: ${row.reqPerSec} req/s`);
  return row;
}

let database: DatabaseHandle | undefined;
const children: ChildProcess[] = [];
const tempFiles: string[] = [];

/** A file in the system's temporary directory with these contents, for an anchor to read; gone after the run. */
function tempFile(contents: string | Buffer): string {
  const file = path.join(os.tmpdir(), `newsroom-bench-${randomBytes(4).toString('hex')}.json`);
  writeFileSync(file, contents);
  tempFiles.push(file);
  return file;
}

/** Stops the app instances, the anchors and the embedded database (also on Ctrl-C or SIGTERM); removes temp files. */
async function cleanUp(): Promise<void> {
  for (const file of tempFiles.splice(0)) rmSync(file, { force: true });
  for (const child of children.splice(0)) child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 500));
  const db = database;
  database = undefined;
  await db?.stop();
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`${signal}: stopping the bench's processes and database…`);
    void cleanUp().finally(() => process.exit(130));
  });
}

async function main() {
  try {
    if (!process.env.DATABASE_URL) {
      const dataDir = path.join(PROJECT_ROOT, '.tmp', `bench-postgres-${process.pid}`);
      database = await startEmbeddedPostgres({ dataDir, database: 'newsroom_bench', ephemeral: true });
      process.env.DATABASE_URL = database.url;
    }
    const secrets = Object.fromEntries(REQUIRED_SECRETS.map((k) => [k, generatedSecret(k)]));
    console.log('Compiling the app once…');
    const { distDir } = await compileStrapi({ appDir: PROJECT_ROOT });
    const appEnv = {
      ...secrets,
      NEWSROOM_DIST_DIR: distDir,
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      LOG_LEVEL: 'error',
      LOG_STARTUP_BANNER: 'false',
      RATE_LIMIT_MAX: '1000000000',
      SEED_ON_START: 'true',
    };
    const appPort = await freePort();
    console.log(`Loading ${RELEASES} synthetic releases (ru, en, az)…`);
    await loadReleases({ ...appEnv, PORT: String(appPort), BENCH_LOAD_RELEASES: String(RELEASES) });
    console.log('Starting the app instances…');
    const cachedApp = await start('serve-newsroom.ts', [], { ...appEnv, PORT: String(appPort) });
    children.push(cachedApp);
    // A second instance with the response cache off, on the same data: its start-up is timed as a user sees it.
    const uncachedPort = await freePort();
    const startedAt = Date.now();
    const uncachedApp = await start('serve-newsroom.ts', [], {
      ...appEnv,
      PORT: String(uncachedPort),
      RESPONSE_CACHE: 'off',
      SEED_ON_START: 'false',
    });
    children.push(uncachedApp);
    const uncached = `http://127.0.0.1:${uncachedPort}`;
    const firstAnswer = await fetch(`${uncached}/api/press-releases?locale=ru`);
    const startupSeconds = (Date.now() - startedAt) / 1000;
    await firstAnswer.arrayBuffer();
    const app = `http://127.0.0.1:${appPort}`;
    let peakRssMb = 0;
    idleCheckUrls = [`${app}/_health`, `${uncached}/_health`];
    const sampleRss = () => {
      for (const child of [cachedApp, uncachedApp]) {
        const rss = rssMegabytes(child.pid);
        peakRssMb = Math.max(peakRssMb, rss);
        peakRss = Math.max(peakRss, rss);
      }
    };
    const sampler = setInterval(sampleRss, 250);

    // As autocannon asks (no Accept-Encoding): the identity bytes and their ETag, so the 304 rows get 304s.
    const list = await fetch(`${app}/api/press-releases?locale=ru`, { headers: { 'accept-encoding': 'identity' } });
    const listBytes = Buffer.from(await list.arrayBuffer());
    const etag = String(list.headers.get('etag'));
    const bodyFile = tempFile(listBytes);
    const { slug, documentId } = (JSON.parse(listBytes.toString()) as { data: { slug: string; documentId: string }[] })
      .data[0] ?? { slug: '', documentId: '' };

    // A single release (about 9 KB on the seeded data): the cached path's cost shows against the bytes it sends.
    const singleUrl = `${app}/api/press-releases/${documentId}?locale=ru`;
    const single = await fetch(singleUrl, { headers: { 'accept-encoding': 'identity' } });
    const singleBytes = Buffer.from(await single.arrayBuffer());
    const singleEtag = String(single.headers.get('etag'));
    const singleFile = tempFile(singleBytes);
    const singleNotModifiedHeaders = tempFile(
      JSON.stringify(
        await notModifiedHeaders(singleUrl, { 'accept-encoding': 'identity', 'if-none-match': singleEtag }),
      ),
    );
    const wire = {
      listIdentity: listBytes.length,
      listBrotli: await bytesOnTheWire(`${app}/api/press-releases?locale=ru`, 'br'),
      listGzip: await bytesOnTheWire(`${app}/api/press-releases?locale=ru`, 'gzip'),
      single: singleBytes.length,
    };

    const l0Port = await freePort();
    const l0SinglePort = await freePort();
    const l1Port = await freePort();
    children.push(
      await start('anchors.ts', ['l0'], { PORT: String(l0Port), ANCHOR_BODY_FILE: bodyFile, ANCHOR_ETAG: etag }),
    );
    children.push(
      await start('anchors.ts', ['l0'], {
        PORT: String(l0SinglePort),
        ANCHOR_BODY_FILE: singleFile,
        ANCHOR_ETAG: singleEtag,
        ANCHOR_304_HEADERS_FILE: singleNotModifiedHeaders,
      }),
    );
    children.push(await start('anchors.ts', ['l1'], { PORT: String(l1Port) }));

    const gqlBody = JSON.stringify({
      query:
        '{ pressReleases(locale: "ru", pagination: { limit: 25 }) { documentId kicker headline slug lead body ' +
        'dateline issuedAt publishedAt locale source { name shortName url } topics { name slug } ' +
        'entities { name kind uri } } }',
    });
    console.log(
      `Measuring: ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${DURATION} s per layer; ` +
        `list = ${listBytes.length} bytes.`,
    );
    const rows: Row[] = [];
    rows.push(await measure('L0 bare http, bytes from memory', { url: `http://127.0.0.1:${l0Port}/` }));
    rows.push(
      await measure('L0 bare http, 304', { url: `http://127.0.0.1:${l0Port}/`, headers: { 'if-none-match': etag } }),
    );
    rows.push(await measure('L1 bare http + pg, list query', { url: `http://127.0.0.1:${l1Port}/` }));
    rows.push(await measure('L0 bare http, single release bytes', { url: `http://127.0.0.1:${l0SinglePort}/` }));
    rows.push({
      ...(await measure(TARGET_LAYERS.cachedSingle, {
        url: singleUrl,
        headers: { 'accept-encoding': 'identity' },
      })),
      anchor: 'single',
    });
    rows.push(
      await measure(TARGET_LAYERS.singleNotModified, {
        url: singleUrl,
        headers: { 'accept-encoding': 'identity', 'if-none-match': singleEtag },
      }),
    );
    rows.push(
      await measure(L0_NOT_MODIFIED_APP_HEADERS, {
        url: `http://127.0.0.1:${l0SinglePort}/`,
        headers: { 'if-none-match': singleEtag },
      }),
    );
    rows.push(await measure('REST list (25, public populate)', { url: `${app}/api/press-releases?locale=ru` }));
    rows.push(await measure('REST list, response cache off', { url: `${uncached}/api/press-releases?locale=ru` }));
    rows.push(
      await measure('REST list, cache off, 1 connection', { url: `${uncached}/api/press-releases?locale=ru` }, 1),
    );
    rows.push(
      await measure(TARGET_LAYERS.listNotModified, {
        url: `${app}/api/press-releases?locale=ru`,
        headers: { 'if-none-match': etag },
      }),
    );
    rows.push(
      await measure('REST single by slug', {
        url: `${app}/api/press-releases/slug/${encodeURIComponent(slug)}?locale=ru`,
      }),
    );
    rows.push(
      await measure('REST single by slug, cache off', {
        url: `${uncached}/api/press-releases/slug/${encodeURIComponent(slug)}?locale=ru`,
      }),
    );
    rows.push(
      await measure('REST single by documentId, cache off', {
        url: `${uncached}/api/press-releases/${documentId}?locale=ru`,
      }),
    );
    // «прокуроров» is in nearly every synthetic release; «54321» in a handful. Uncached: every search does the work.
    rows.push(
      await measure('search common word, cache off', {
        url: `${uncached}/api/search?locale=ru&q=${encodeURIComponent('прокуроров')}`,
      }),
    );
    // One client at a time: the latency of the search itself, without queueing behind 31 others.
    rows.push(
      await measure(
        'search common word, cache off, 1 connection',
        { url: `${uncached}/api/search?locale=ru&q=${encodeURIComponent('прокуроров')}` },
        1,
      ),
    );
    rows.push(await measure('search rare word, cache off', { url: `${uncached}/api/search?locale=ru&q=54321` }));
    rows.push(
      await measure('search common word, cached', {
        url: `${app}/api/search?locale=ru&q=${encodeURIComponent('прокуроров')}`,
      }),
    );
    const gql = { method: 'POST' as const, headers: { 'content-type': 'application/json' }, body: gqlBody };
    rows.push(await measure('GraphQL list (same fields; POST), cache off', { url: `${uncached}/graphql`, ...gql }));
    rows.push(await measure('GraphQL list, the same POST repeated (cached)', { url: `${app}/graphql`, ...gql }));
    clearInterval(sampler);
    sampleRss();
    console.log('Timing writes (publish one release; rename a topic shown by 1,000 releases)…');
    await settle();
    const writes = await new Promise<unknown>((resolve) => {
      cachedApp.once('message', resolve);
      cachedApp.send('measure-writes');
    });
    // Let the last layer's requests finish before the instances are stopped (autocannon leaves some in flight).
    await settle();
    await new Promise((resolve) => setTimeout(resolve, quick ? 1000 : 3000));

    const l0 = rows[0].reqPerSec;
    const l0NotModified = rows[1].reqPerSec;
    const l1 = rows[2].reqPerSec;
    const l0Single = rows[3].reqPerSec;
    for (const row of rows) {
      const anchor = row.name.includes('304') ? l0NotModified : row.anchor === 'single' ? l0Single : l0;
      row.vsL0 = Number((row.reqPerSec / anchor).toFixed(3));
      row.vsL1 = Number((row.reqPerSec / l1).toFixed(3));
    }
    console.log('');
    console.table(
      rows.map((r) => ({
        layer: r.name,
        'req/s': r.reqPerSec,
        'p50 ms': r.p50,
        'p97.5 ms': r.p97_5,
        'p99 ms': r.p99,
        errors: r.errors,
        non2xx: r.non2xx,
        '×L0': r.vsL0,
        '×L1': r.vsL1,
        'RSS MB': r.rssMb,
      })),
    );
    console.log(
      `${RELEASES} releases; start to first answered request (cache-off instance): ${startupSeconds.toFixed(1)} s; ` +
        `peak RSS of an app instance under load: ${peakRssMb} MB.`,
    );
    console.log(`Writes: ${JSON.stringify(writes)}`);
    console.log(
      `Bytes on the wire: list ${wire.listIdentity} as is, ${wire.listBrotli} in brotli ` +
        `(${(wire.listBrotli / wire.listIdentity).toFixed(3)}×), ${wire.listGzip} in gzip ` +
        `(${(wire.listGzip / wire.listIdentity).toFixed(3)}×); single release ${wire.single}.`,
    );
    const targets = targetResults({ vsL0: new Map(rows.map((row) => [row.name, row.vsL0])), wire });
    const sameHeaders = rows.find((row) => row.name === L0_NOT_MODIFIED_APP_HEADERS)?.reqPerSec;
    const appNotModified = rows.find((row) => row.name === TARGET_LAYERS.singleNotModified)?.reqPerSec;
    if (sameHeaders && appNotModified) {
      console.log(
        `The single release's 304 against L0 sending the app's own 304 headers: ` +
          `${(appNotModified / sameHeaders).toFixed(3)}× (the rest of its gap to L0's own 304 is header bytes).`,
      );
    }
    console.log("Issue 15's targets for the cached path, in this run:");
    console.table(targets.map((t) => ({ target: t.target, measured: t.measured, met: t.met ? 'yes' : 'no' })));
    const out = path.join(PROJECT_ROOT, 'bench', 'results');
    mkdirSync(out, { recursive: true });
    writeFileSync(
      path.join(out, 'latest.json'),
      JSON.stringify(
        {
          date: new Date().toISOString(),
          quick,
          releases: RELEASES,
          connections: CONNECTIONS,
          durationSeconds: DURATION,
          listBytes: listBytes.length,
          wire,
          startupSeconds,
          peakRssMb,
          writes,
          targets,
          node: process.version,
          cpus: os.cpus().length,
          rows,
        },
        null,
        2,
      ),
    );
    console.log(
      "Written to bench/results/latest.json (×L0 of a 304 row is against L0's own 304; of the cached single " +
        'release, against L0 sending the same bytes).',
    );
  } finally {
    await cleanUp();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
