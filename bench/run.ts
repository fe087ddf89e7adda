/**
 * npm run bench [-- --quick] [-- --releases N] [-- --rounds N]
 *
 * Measures each layer of the public read path side by side, in one run, at the same concurrency, and
 * reports ratios to the bare-Node anchors (absolute numbers drift on shared machines; ratios less so). The app runs
 * as shipped (the default configuration, its request log on a pipe drained by another process); every layer is
 * measured in several short rounds interleaved with the others, and reported as the median with its range.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { SMTPServer } from 'smtp-server';
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
const optionOf = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const RELEASES = optionOf('--releases', Number(process.env.BENCH_RELEASES ?? 1000));
const ROUNDS = optionOf('--rounds', quick ? 2 : 5);
if (![RELEASES, ROUNDS].every((n) => Number.isInteger(n) && n >= 1)) {
  console.error('usage: npm run bench [-- --quick] [-- --releases N] [-- --rounds N]   (N: a positive whole number)');
  process.exit(2);
}
/** Seconds of load per layer and round, and of warm-up before a layer's first round. */
const DURATION = quick ? 1 : 3;
const WARMUP = quick ? 0 : 2;
const CONNECTIONS = 32;
/** What ships: the default LOG_LEVEL (newsroom-settings), so every request is logged. */
const SHIPPED_LOG_LEVEL = readSettings({}).LOG_LEVEL;
/** The labelled second setting: an operator who keeps no request log. */
const QUIET = 'LOG_LEVEL=error';
/** Not a target: it tells how much of a 304's cost is its header bytes. */
const L0_NOT_MODIFIED_APP_HEADERS = "L0 bare http, 304 with the app's headers";

/** One round of one layer. */
interface Sample {
  reqPerSec: number;
  p50: number;
  /** An upper bound of p95 (autocannon reports p90 and p97.5). */
  p97_5: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** CPU time (user and system, all threads) of the server that answered, and of its log's reader, per request. */
  cpuMicros?: number;
}

/** What a layer measures, and what its ratios are against. */
interface Layer {
  name: string;
  opts: autocannon.Options;
  connections?: number;
  /** The L0 anchor of its ×L0: the list's bytes (default), the single release's, or L0's own 304 (a 304 row). */
  anchor?: 'single';
  /** The processes whose CPU time answering it takes (the server, and the reader of its log). */
  processes: () => (ChildProcess | undefined)[];
}

/** A layer over all rounds: medians, with the range of the rate and of the ratio to L0. */
interface Row {
  name: string;
  reqPerSec: number;
  reqPerSecRange: [number, number];
  p50: number;
  p97_5: number;
  p99: number;
  errors: number;
  non2xx: number;
  cpuMicros?: number;
  /** Peak resident memory of the busiest app instance while this layer ran (MB). */
  rssMb?: number;
  vsL0?: number;
  vsL0Range?: [number, number];
  vsL1?: number;
  samples: Sample[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const rangeOf = (values: number[]): [number, number] => [Math.min(...values), Math.max(...values)];
const round3 = (value: number) => Number(value.toFixed(3));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const EXEC_ARGV = ['--import', 'tsx'];

/** The process that reads an app instance's output, as journald or a container runtime would: `cat` to nowhere. */
const logReaders = new Map<ChildProcess, ChildProcess>();

function start(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const isApp = script === 'serve-newsroom.ts';
  // An app's output goes through a pipe to another process (what an operator keeps); an anchor's is discarded.
  const reader = isApp ? spawn('cat', [], { stdio: ['pipe', 'ignore', 'inherit'] }) : undefined;
  if (reader) children.push(reader);
  return new Promise((resolve, reject) => {
    const child = fork(path.join(PROJECT_ROOT, 'bench', script), args, {
      // App instances run with the heap limit `npm start` gives the app (HEAP_LIMIT_MB); the anchors with none.
      execArgv: [...EXEC_ARGV, ...(isApp ? heapLimitFlags(readSettings(process.env)) : [])],
      env: { ...process.env, ...env },
      stdio: ['ignore', reader?.stdin ?? 'ignore', 'inherit', 'ipc'],
    });
    if (reader) logReaders.set(child, reader);
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

/** User and system CPU time of a process (all its threads) in microseconds (Linux /proc), 0 where unavailable. */
function cpuMicros(child: ChildProcess | undefined): number {
  try {
    const fields = readFileSync(`/proc/${child?.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime, in clock ticks: 100 a second on Linux (getconf CLK_TCK).
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / 100;
  } catch {
    return 0;
  }
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

const peakRssOf = new Map<string, number>();

/** One round of a layer (after its warm-up, in the first round). */
async function measureOnce(layer: Layer, warm: boolean): Promise<Sample> {
  const connections = layer.connections ?? CONNECTIONS;
  await settle();
  if (warm && WARMUP > 0) await autocannon({ ...layer.opts, connections, duration: WARMUP });
  // One request first: a cached layer's entry may have expired since its last round (RESPONSE_CACHE_TTL_SECONDS), and
  // its row is about hits, not about 32 clients missing at once.
  const { url, method, headers, body } = layer.opts;
  const init = { method, headers: headers as Record<string, string> | undefined, body: body as string | undefined };
  await fetch(String(url), init).then((res) => res.arrayBuffer());
  peakRss = 0;
  const processes = layer.processes().flatMap((child) => [child, child && logReaders.get(child)]);
  const cpuBefore = processes.reduce((sum, child) => sum + cpuMicros(child), 0);
  const result = await autocannon({ ...layer.opts, connections, duration: DURATION });
  const cpuUsed = processes.reduce((sum, child) => sum + cpuMicros(child), 0) - cpuBefore;
  peakRssOf.set(layer.name, Math.max(peakRssOf.get(layer.name) ?? 0, peakRss));
  return {
    reqPerSec: result.requests.average,
    p50: result.latency.p50,
    p97_5: result.latency.p97_5,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    cpuMicros: cpuUsed > 0 && result.requests.total > 0 ? cpuUsed / result.requests.total : undefined,
  };
}

/**
 * Every layer in ROUNDS short rounds, each round going through all layers in an order shifted from the last one's, so
 * that a layer and its anchor are measured close together in every round and a burst of other work on the machine
 * falls on a few samples of every layer rather than on all samples of one.
 */
async function measureInRounds(layers: Layer[]): Promise<Map<string, Sample[]>> {
  const samples = new Map(layers.map((layer) => [layer.name, [] as Sample[]]));
  const shift = Math.max(1, Math.floor(layers.length / ROUNDS));
  for (let round = 0; round < ROUNDS; round += 1) {
    console.log(`  round ${round + 1} of ${ROUNDS}`);
    for (let i = 0; i < layers.length; i += 1) {
      const layer = layers[(i + round * shift) % layers.length];
      samples.get(layer.name)?.push(await measureOnce(layer, round === 0));
    }
  }
  return samples;
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
/** The rate the mail measurement lets one instance send at: the SMTP server's pace, not the shipped throttle. */
const MAIL_BENCH_RATE = 100_000;

/**
 * A go-live to `subscribers` over a local SMTP server that takes every message (smtp-server, keeping none), timed
 * in an instance of its own: the measured read instances are stopped first, so that none of them sends.
 */
async function measureMail(
  appEnv: NodeJS.ProcessEnv,
  subscribers: number,
  readInstances: ChildProcess[],
): Promise<{ subscribers: number; seconds: number; perSecond: number }> {
  for (const instance of readInstances) {
    const exited = new Promise((resolve) => instance.once('exit', resolve));
    instance.kill('SIGTERM');
    await exited;
  }
  const sink = new SMTPServer({
    logger: false,
    authOptional: true,
    disableReverseLookup: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      stream.on('end', () => callback()).resume();
    },
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  try {
    const port = (sink.server.address() as net.AddressInfo).port;
    console.log(`Timing a go-live to ${subscribers} email subscribers…`);
    const mailApp = await start('serve-newsroom.ts', [], {
      ...appEnv,
      PORT: String(await freePort()),
      SEED_ON_START: 'false',
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      MAIL_RATE_PER_SECOND: String(MAIL_BENCH_RATE),
      BENCH_MAIL_SUBSCRIBERS: String(subscribers),
    });
    children.push(mailApp);
    const answer = (await new Promise((resolve) => {
      mailApp.once('message', resolve);
      mailApp.send('measure-mail');
    })) as { mail?: { subscribers: number; seconds: number; perSecond: number }; error?: string };
    if (!answer.mail) throw new Error(`the mail measurement failed: ${answer.error}`);
    return answer.mail;
  } finally {
    await new Promise<void>((resolve) => sink.close(() => resolve()));
  }
}

async function cleanUp(): Promise<void> {
  for (const file of tempFiles.splice(0)) rmSync(file, { force: true });
  // The readers of the apps' output last: an app still writing to a pipe nobody reads would fail with EPIPE.
  const readers = new Set(logReaders.values());
  const stopping = children.splice(0);
  for (const child of stopping) if (!readers.has(child)) child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 500));
  const exited = (app: ChildProcess) => app.exitCode !== null || new Promise((resolve) => app.once('exit', resolve));
  await Promise.race([
    Promise.all([...logReaders.keys()].map(exited)),
    new Promise((resolve) => setTimeout(resolve, 15_000).unref()),
  ]);
  for (const reader of readers) reader.kill('SIGTERM');
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
    // The configuration as shipped, but for the rate limit: every request comes from one address here.
    const appEnv = {
      ...secrets,
      NEWSROOM_DIST_DIR: distDir,
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      LOG_LEVEL: SHIPPED_LOG_LEVEL,
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
    // A third, as shipped but without the request log: what the log costs a cache hit, measured beside it.
    const quietPort = await freePort();
    const quietApp = await start('serve-newsroom.ts', [], {
      ...appEnv,
      PORT: String(quietPort),
      LOG_LEVEL: 'error',
      SEED_ON_START: 'false',
    });
    children.push(quietApp);
    const app = `http://127.0.0.1:${appPort}`;
    const quiet = `http://127.0.0.1:${quietPort}`;
    let peakRssMb = 0;
    idleCheckUrls = [`${app}/_health`, `${uncached}/_health`, `${quiet}/_health`];
    const sampleRss = () => {
      for (const child of [cachedApp, uncachedApp, quietApp]) {
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
    const singlePath = `/api/press-releases/${documentId}?locale=ru`;
    const singleUrl = `${app}${singlePath}`;
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
    const l0 = await start('anchors.ts', ['l0'], {
      PORT: String(l0Port),
      ANCHOR_BODY_FILE: bodyFile,
      ANCHOR_ETAG: etag,
    });
    const l0Single = await start('anchors.ts', ['l0'], {
      PORT: String(l0SinglePort),
      ANCHOR_BODY_FILE: singleFile,
      ANCHOR_ETAG: singleEtag,
      ANCHOR_304_HEADERS_FILE: singleNotModifiedHeaders,
    });
    const l1 = await start('anchors.ts', ['l1'], { PORT: String(l1Port) });
    children.push(l0, l0Single, l1);

    const gqlBody = JSON.stringify({
      query:
        '{ pressReleases(locale: "ru", pagination: { limit: 25 }) { documentId kicker headline slug lead body ' +
        'dateline issuedAt publishedAt locale source { name shortName url } topics { name slug } ' +
        'entities { name kind uri } } }',
    });
    const identity = { 'accept-encoding': 'identity' };
    const singleNotModified = { 'accept-encoding': 'identity', 'if-none-match': singleEtag };
    const search = (word: string) => `/api/search?locale=ru&q=${encodeURIComponent(word)}`;
    const slugPath = `/api/press-releases/slug/${encodeURIComponent(slug)}?locale=ru`;
    const gql = { method: 'POST' as const, headers: { 'content-type': 'application/json' }, body: gqlBody };
    const on = (child: ChildProcess) => () => [child];
    const layers: Layer[] = [
      { name: 'L0 bare http, bytes from memory', opts: { url: `http://127.0.0.1:${l0Port}/` }, processes: on(l0) },
      {
        name: 'L0 bare http, 304',
        opts: { url: `http://127.0.0.1:${l0Port}/`, headers: { 'if-none-match': etag } },
        processes: on(l0),
      },
      { name: 'L1 bare http + pg, list query', opts: { url: `http://127.0.0.1:${l1Port}/` }, processes: on(l1) },
      {
        name: 'L0 bare http, single release bytes',
        opts: { url: `http://127.0.0.1:${l0SinglePort}/` },
        processes: on(l0Single),
      },
      {
        name: TARGET_LAYERS.cachedSingle,
        opts: { url: singleUrl, headers: identity },
        anchor: 'single',
        processes: on(cachedApp),
      },
      {
        name: `${TARGET_LAYERS.cachedSingle}, ${QUIET}`,
        opts: { url: `${quiet}${singlePath}`, headers: identity },
        anchor: 'single',
        processes: on(quietApp),
      },
      {
        name: TARGET_LAYERS.singleNotModified,
        opts: { url: singleUrl, headers: singleNotModified },
        processes: on(cachedApp),
      },
      {
        name: `${TARGET_LAYERS.singleNotModified}, ${QUIET}`,
        opts: { url: `${quiet}${singlePath}`, headers: singleNotModified },
        processes: on(quietApp),
      },
      {
        name: L0_NOT_MODIFIED_APP_HEADERS,
        opts: { url: `http://127.0.0.1:${l0SinglePort}/`, headers: { 'if-none-match': singleEtag } },
        processes: on(l0Single),
      },
      {
        name: 'REST list (25, public populate)',
        opts: { url: `${app}/api/press-releases?locale=ru` },
        processes: on(cachedApp),
      },
      {
        name: 'REST list, response cache off',
        opts: { url: `${uncached}/api/press-releases?locale=ru` },
        processes: on(uncachedApp),
      },
      {
        name: 'REST list, cache off, 1 connection',
        opts: { url: `${uncached}/api/press-releases?locale=ru` },
        connections: 1,
        processes: on(uncachedApp),
      },
      {
        name: TARGET_LAYERS.listNotModified,
        opts: { url: `${app}/api/press-releases?locale=ru`, headers: { 'if-none-match': etag } },
        processes: on(cachedApp),
      },
      { name: 'REST single by slug', opts: { url: `${app}${slugPath}` }, processes: on(cachedApp) },
      { name: 'REST single by slug, cache off', opts: { url: `${uncached}${slugPath}` }, processes: on(uncachedApp) },
      {
        name: 'REST single by documentId, cache off',
        opts: { url: `${uncached}${singlePath}` },
        processes: on(uncachedApp),
      },
      // «прокуроров» is in nearly every synthetic release; «54321» in a handful. Uncached: every search does the work.
      {
        name: 'search common word, cache off',
        opts: { url: `${uncached}${search('прокуроров')}` },
        processes: on(uncachedApp),
      },
      // One client at a time: the latency of the search itself, without queueing behind 31 others.
      {
        name: 'search common word, cache off, 1 connection',
        opts: { url: `${uncached}${search('прокуроров')}` },
        connections: 1,
        processes: on(uncachedApp),
      },
      {
        name: 'search rare word, cache off',
        opts: { url: `${uncached}${search('54321')}` },
        processes: on(uncachedApp),
      },
      { name: 'search common word, cached', opts: { url: `${app}${search('прокуроров')}` }, processes: on(cachedApp) },
      {
        name: 'GraphQL list (same fields; POST), cache off',
        opts: { url: `${uncached}/graphql`, ...gql },
        processes: on(uncachedApp),
      },
      {
        name: 'GraphQL list, the same POST repeated (cached)',
        opts: { url: `${app}/graphql`, ...gql },
        processes: on(cachedApp),
      },
    ];
    console.log(
      `Measuring: ${CONNECTIONS} connections, ${ROUNDS} rounds of ${DURATION} s per layer ` +
        `(${WARMUP} s warm-up before the first); list = ${listBytes.length} bytes.`,
    );
    const samples = await measureInRounds(layers);
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
    const mail = await measureMail(appEnv, quick ? 1000 : 10_000, [cachedApp, uncachedApp, quietApp]);
    console.log(
      `Go-live emails: ${mail.subscribers} subscribers handed to a local SMTP server in ${mail.seconds} s ` +
        `(${mail.perSecond}/s; one instance, MAIL_RATE_PER_SECOND raised to ${MAIL_BENCH_RATE}: the shipped 20/s ` +
        `would take ${Math.round(mail.subscribers / 20)} s).`,
    );

    // Each round's ratio is against the anchor's figure of the same round; the row gives their median and range.
    const rateOf = (name: string) => (samples.get(name) ?? []).map((sample) => sample.reqPerSec);
    const anchorOf = (layer: Layer) =>
      rateOf(
        layer.name.includes('304')
          ? 'L0 bare http, 304'
          : layer.anchor === 'single'
            ? 'L0 bare http, single release bytes'
            : 'L0 bare http, bytes from memory',
      );
    const ratios = (rates: number[], anchor: number[]) => rates.map((rate, i) => rate / anchor[i]);
    const rows: Row[] = layers.map((layer) => {
      const taken = samples.get(layer.name) ?? [];
      const rates = rateOf(layer.name);
      const vsL0 = ratios(rates, anchorOf(layer));
      const cpu = taken.flatMap((sample) => (sample.cpuMicros === undefined ? [] : [sample.cpuMicros]));
      return {
        name: layer.name,
        reqPerSec: Math.round(median(rates)),
        reqPerSecRange: rangeOf(rates.map(Math.round)) as [number, number],
        p50: median(taken.map((sample) => sample.p50)),
        p97_5: median(taken.map((sample) => sample.p97_5)),
        p99: median(taken.map((sample) => sample.p99)),
        errors: taken.reduce((sum, sample) => sum + sample.errors, 0),
        non2xx: taken.reduce((sum, sample) => sum + sample.non2xx, 0),
        cpuMicros: cpu.length ? Math.round(median(cpu)) : undefined,
        rssMb: peakRssOf.get(layer.name) || undefined,
        vsL0: round3(median(vsL0)),
        vsL0Range: rangeOf(vsL0).map(round3) as [number, number],
        vsL1: round3(median(ratios(rates, rateOf('L1 bare http + pg, list query')))),
        samples: taken,
      };
    });
    // What the request log costs a cache hit: the shipped instance ÷ the one without the log, round by round.
    // And its CPU time per request without the log ÷ with it (the same reading, less disturbed by other work).
    const cpuOf = (name: string) => (samples.get(name) ?? []).map((sample) => sample.cpuMicros ?? NaN);
    const logCost = [TARGET_LAYERS.cachedSingle, TARGET_LAYERS.singleNotModified].map((name) => {
      const each = ratios(rateOf(name), rateOf(`${name}, ${QUIET}`));
      const cpu = ratios(cpuOf(`${name}, ${QUIET}`), cpuOf(name)).filter(Number.isFinite);
      return {
        name,
        onOverOff: round3(median(each)),
        range: rangeOf(each).map(round3) as [number, number],
        cpuOffOverOn: cpu.length ? round3(median(cpu)) : undefined,
        cpuRange: cpu.length ? (rangeOf(cpu).map(round3) as [number, number]) : undefined,
      };
    });
    const configuration =
      `as shipped: NODE_ENV=production, LOG_LEVEL=${SHIPPED_LOG_LEVEL} (the default: every request logged, ` +
      `its output on a pipe read by another process), HEAP_LIMIT_MB=${readSettings(process.env).HEAP_LIMIT_MB}, ` +
      `RATE_LIMIT_MAX=1000000000 (one client address here); rows ending "${QUIET}": ` +
      'an instance without the request log';
    const range = ([low, high]: [number, number]) => `${low}–${high}`;
    console.log('');
    console.log(`Configuration: ${configuration}.`);
    console.log(`Medians of ${ROUNDS} rounds, with the range of req/s and of ×L0 over the rounds:`);
    console.table(
      rows.map((r) => ({
        layer: r.name,
        'req/s': r.reqPerSec,
        'req/s range': range(r.reqPerSecRange),
        'p50 ms': r.p50,
        'p97.5 ms': r.p97_5,
        'p99 ms': r.p99,
        errors: r.errors,
        non2xx: r.non2xx,
        'CPU µs/req': r.cpuMicros,
        '×L0': r.vsL0,
        '×L0 range': r.vsL0Range && range(r.vsL0Range),
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
    for (const { name, onOverOff, range: each, cpuOffOverOn, cpuRange } of logCost) {
      console.log(
        `The request log's cost: ${name} with the log ÷ without, ${onOverOff}× (${range(each)}); ` +
          `CPU time per request without ÷ with, ${cpuOffOverOn}× (${cpuRange ? range(cpuRange) : 'not read'}).`,
      );
    }
    const vsL0 = new Map(rows.map((row) => [row.name, row.vsL0]));
    const targets = targetResults({ vsL0, wire, logCost: new Map(logCost.map((each) => [each.name, each.onOverOff])) });
    const sameHeaders = rows.find((row) => row.name === L0_NOT_MODIFIED_APP_HEADERS)?.reqPerSec;
    const appNotModified = rows.find((row) => row.name === TARGET_LAYERS.singleNotModified)?.reqPerSec;
    if (sameHeaders && appNotModified) {
      console.log(
        `The single release's 304 against L0 sending the app's own 304 headers: ` +
          `${(appNotModified / sameHeaders).toFixed(3)}× (the rest of its gap to L0's own 304 is header bytes).`,
      );
    }
    console.log(`The targets for the cached path (issues 15 and 31), medians of this run, ${configuration}:`);
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
          configuration,
          connections: CONNECTIONS,
          rounds: ROUNDS,
          durationSeconds: DURATION,
          logCost,
          listBytes: listBytes.length,
          wire,
          startupSeconds,
          peakRssMb,
          writes,
          mail,
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
