/**
 * npm run bench:request-log [-- --rounds N] [-- --seconds S]
 * npm run bench:request-log -- --lines N [-- --rounds N]
 *
 * Ways of writing the request log, side by side in one run: a bare Node server answering a 304 with headers like the
 * app's, once per way of logging (and once without a log), each in its process with its output on a pipe drained by
 * `cat` (as under systemd or a container runtime). Rounds of autocannon load (32 connections) go to each server in
 * turn, in a shifted order; the figures are medians over the rounds with their range. A bare server answers in a few
 * microseconds, so the log's cost shows larger here than in the app (which `npm run bench` measures itself). With
 * --lines, each way records N lines without HTTP (the log's own cost, steadier on a busy machine).
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import pino from 'pino';
import type { Core } from '@strapi/strapi';
import { requestIdFor } from '../src/delivery/request-log/request-id';
import { requestLogOf, type AnsweredRequest } from '../src/delivery/request-log/request-log';
import { requestLogLine } from '../src/delivery/request-log/request-log-line';
import type { Settings } from '../src/platform/settings/newsroom-settings';

type Record = (answered: AnsweredRequest) => void;

const isoNow = () => new Date().toISOString();

/** Each way of logging: what the server calls once per answer. */
const VARIANTS: { [name: string]: () => Record | undefined } = {
  'no log (LOG_LEVEL=error)': () => undefined,
  'the shipped log (lines made field by field, 10-ms batches, sonic-boom)': () => {
    const log = requestLogOf({} as Core.Strapi, { LOG_LEVEL: 'http' } as Settings);
    return (answered) => log.record(answered);
  },
  'lines made field by field, one sonic-boom write each': () => {
    const destination = pino.destination({ dest: 1, sync: false });
    return (answered) => destination.write(requestLogLine(answered, isoNow()));
  },
  "lines made field by field, sonic-boom's own buffer (minLength 8 KB, flushed every 10 ms)": () => {
    const destination = pino.destination({ dest: 1, sync: false, minLength: 8_192, periodicFlush: 10 });
    return (answered) => destination.write(requestLogLine(answered, isoNow()));
  },
  'a pino logger (its serialiser), async destination': () => {
    const logger = pino(
      {
        customLevels: { http: 25 },
        level: 'http',
        base: null,
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
      },
      pino.destination({ dest: 1, sync: false, minLength: 8_192, periodicFlush: 10 }),
    );
    return ({ url, durationMs, requestId, ...rest }) =>
      logger.http({ ...rest, path: url, duration_ms: durationMs, request_id: requestId });
  },
};

/** About the app's 304 for a release: 20 headers, 1.1 KB. */
const NOT_MODIFIED_HEADERS = [
  ['Content-Security-Policy', "default-src 'self'; " + 'x'.repeat(400)],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Origin-Agent-Cluster', '?1'],
  ['Referrer-Policy', 'no-referrer'],
  ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-DNS-Prefetch-Control', 'off'],
  ['X-Download-Options', 'noopen'],
  ['X-Frame-Options', 'SAMEORIGIN'],
  ['X-Permitted-Cross-Domain-Policies', 'none'],
  ['Vary', 'Origin, Accept-Encoding'],
  ['Cache-Control', 'public, max-age=30, s-maxage=60, stale-while-revalidate=60'],
  ['Surrogate-Key', 'press-releases press-release:abcdefghijklmnopqrstuvwx'],
  ['ETag', '"0123456789abcdef0123456789abcdef"'],
  ['X-Cache', 'hit'],
  ['X-RateLimit-Limit', '1000000000'],
  ['X-RateLimit-Remaining', '999999999'],
  ['X-RateLimit-Reset', '1765000000'],
].flat();

const answeredRequest = (requestId: string, durationMs: number): AnsweredRequest => ({
  method: 'GET',
  url: '/api/press-releases/abcdefghijklmnopqrstuvwx?locale=ru',
  status: 304,
  durationMs,
  bytes: 0,
  requestId,
  cache: 'hit',
  via: 'front-door',
});

/**
 * The log alone, without HTTP: LINES answered requests recorded in bursts of 300 (about 10 ms of a busy instance's
 * answers), the event loop turning between bursts as a server's does; tells the main thread's time per line and, with
 * the reader's, the CPU time a line costs in all.
 */
async function recordLines(variant: string): Promise<void> {
  const record = VARIANTS[variant]();
  const lines = Number(process.env.LINES);
  const started = performance.now();
  let busy = 0;
  for (let done = 0; done < lines; done += 300) {
    const burst = performance.now();
    for (let i = 0; i < 300; i += 1) {
      const requestId = requestIdFor(undefined, false);
      record?.(answeredRequest(requestId, performance.now() - burst));
    }
    busy += performance.now() - burst;
    await new Promise((resolve) => setImmediate(resolve));
  }
  await new Promise((resolve) => setTimeout(resolve, 50)); // the last batch written
  process.send?.({ busyMicrosPerLine: (busy * 1000) / lines, wallMs: performance.now() - started });
}

function serve(variant: string): void {
  const record = VARIANTS[variant]();
  createServer((req, res) => {
    const started = performance.now();
    const requestId = requestIdFor(req.headers['x-request-id'], false);
    res.writeHead(304, ['X-Request-Id', requestId, ...NOT_MODIFIED_HEADERS]).end();
    record?.({ ...answeredRequest(requestId, performance.now() - started), url: req.url ?? '' });
  }).listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
}

const option = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};

/** User and system CPU time of a process, all its threads, in microseconds (Linux /proc). */
function cpuMicros(pid: number | undefined): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / 100; // utime, stime in clock ticks of 1/100 s
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const spread = (values: number[], digits: number) =>
  `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;

/** Each way recording LINES lines in a process of its own, its output on a pipe to `cat`, in rounds. */
async function compareLines(): Promise<void> {
  const rounds = option('--rounds', 7);
  const lines = option('--lines', 300_000);
  const results = new Map(Object.keys(VARIANTS).map((name) => [name, { busy: [] as number[], cpu: [] as number[] }]));
  console.log(`${rounds} rounds of ${lines} lines per way, in bursts of 300`);
  for (let round = 0; round < rounds; round += 1) {
    const names = Object.keys(VARIANTS);
    for (let i = 0; i < names.length; i += 1) {
      const name = names[(i + round) % names.length];
      const drain = spawn('cat', [], { stdio: ['pipe', 'ignore', 'inherit'] });
      const recorder = fork(__filename, ['lines', name], {
        execArgv: ['--import', 'tsx'],
        env: { ...process.env, LINES: String(lines) },
        stdio: ['ignore', drain.stdin ?? 'ignore', 'inherit', 'ipc'],
      });
      const started = cpuMicros(recorder.pid);
      const { busyMicrosPerLine } = await new Promise<{ busyMicrosPerLine: number }>((resolve) =>
        recorder.once('message', (message) => resolve(message as { busyMicrosPerLine: number })),
      );
      const used = cpuMicros(recorder.pid) - started + cpuMicros(drain.pid);
      recorder.kill('SIGTERM');
      drain.kill('SIGTERM');
      results.get(name)?.busy.push(busyMicrosPerLine);
      results.get(name)?.cpu.push(used / lines);
    }
  }
  console.table(
    [...results].map(([name, { busy, cpu }]) => ({
      way: name,
      'main thread µs per line (request id included)': spread(busy, 2),
      'CPU µs per line, all threads + cat (process start included)': spread(cpu, 2),
    })),
  );
}

async function compare(): Promise<void> {
  const rounds = option('--rounds', 7);
  const seconds = option('--seconds', 3);
  const children: ChildProcess[] = [];
  const servers: { name: string; port: number; server: ChildProcess; drain: ChildProcess }[] = [];
  try {
    for (const name of Object.keys(VARIANTS)) {
      const port = await new Promise<number>((resolve) => {
        const probe = net.createServer().listen(0, '127.0.0.1', () => {
          const { port: free } = probe.address() as net.AddressInfo;
          probe.close(() => resolve(free));
        });
      });
      const drain = spawn('cat', [], { stdio: ['pipe', 'ignore', 'inherit'] });
      const server = fork(__filename, ['serve', name], {
        execArgv: ['--import', 'tsx'],
        env: { ...process.env, PORT: String(port) },
        stdio: ['ignore', drain.stdin ?? 'ignore', 'inherit', 'ipc'],
      });
      children.push(drain, server);
      await new Promise((resolve) => server.once('message', resolve));
      servers.push({ name, port, server, drain });
    }
    const results = new Map(servers.map(({ name }) => [name, { rate: [] as number[], cpu: [] as number[] }]));
    console.log(`${rounds} rounds of ${seconds} s per way, 32 connections, a 304 with 20 headers`);
    for (let round = 0; round < rounds; round += 1) {
      for (let i = 0; i < servers.length; i += 1) {
        const { name, port, server, drain } = servers[(i + round) % servers.length];
        const before = cpuMicros(server.pid) + cpuMicros(drain.pid);
        const run = await autocannon({ url: `http://127.0.0.1:${port}/`, connections: 32, duration: seconds });
        const used = cpuMicros(server.pid) + cpuMicros(drain.pid) - before;
        results.get(name)?.rate.push(run.requests.average);
        results.get(name)?.cpu.push(used / run.requests.total);
      }
    }
    const off = results.get(Object.keys(VARIANTS)[0]);
    console.table(
      [...results].map(([name, { rate, cpu }]) => ({
        way: name,
        'req/s': spread(rate, 0),
        '× no log (same round)': spread(
          rate.map((value, round) => value / (off?.rate[round] ?? value)),
          2,
        ),
        'CPU µs per request (server + cat)': spread(cpu, 1),
      })),
    );
  } finally {
    for (const child of children) child.kill('SIGTERM');
  }
}

if (process.argv[2] === 'serve') serve(process.argv[3]);
else if (process.argv[2] === 'lines') void recordLines(process.argv[3]);
else
  (process.argv.includes('--lines') ? compareLines() : compare()).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
