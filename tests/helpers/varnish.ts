import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './newsroom-app';
import { freePort } from './browser';
import { eventually } from './eventually';

/** The VCL an operator deploys (deploy/varnish/newsroom.vcl): the tests run it as it is, with their backends in. */
export const SHIPPED_VCL = path.join(PROJECT_ROOT, 'deploy', 'varnish', 'newsroom.vcl');

/** CI (or REQUIRE_VARNISH=1) turns a missing Varnish into a failure instead of a skip. */
const VARNISH_REQUIRED = Boolean(process.env.CI && process.env.CI !== 'false') || process.env.REQUIRE_VARNISH === '1';

/** The shipped VCL with these instances as its backends (its two example backends replaced). */
export function vclFor(backends: string[]): string {
  const vcl = readFileSync(SHIPPED_VCL, 'utf8');
  const blocks = backends
    .map((url, index) => {
      const { hostname, port } = new URL(url);
      return `backend app${index + 1} {\n  .host = "${hostname}";\n  .port = "${port}";\n  .probe = healthy;\n}`;
    })
    .join('\n\n');
  const adds = backends.map((_url, index) => `  instances.add_backend(app${index + 1});`).join('\n');
  return vcl
    .replace(/backend app1 \{[\s\S]*?\n\}\n\nbackend app2 \{[\s\S]*?\n\}/, blocks)
    .replace(/ {2}instances\.add_backend\(app1\);\n {2}instances\.add_backend\(app2\);/, adds);
}

/** A directory varnishd can work in: mkdtemp makes it 0700, and varnishd's VCL compiler runs as a user of its own. */
function workDirectory(prefix: string): string {
  const dir = mkdtempSync(path.join('/tmp', prefix));
  chmodSync(dir, 0o755);
  return dir;
}

/** Whether varnishd is installed with the xkey module (it compiles the shipped VCL). */
export function varnishInstalled(): boolean {
  const dir = workDirectory('newsroom-vcl-');
  try {
    const result = spawnSync('varnishd', ['-C', '-f', SHIPPED_VCL, '-n', dir], { stdio: 'ignore', timeout: 20_000 });
    return result.status === 0;
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `describe` when Varnish can run the shipped VCL (or is required, so that its absence fails), else a plain skip. */
export function describeWithVarnish(name: string, body: () => void): void {
  if (varnishInstalled() || VARNISH_REQUIRED) {
    describe(name, body);
    return;
  }
  console.warn(
    `SKIPPED "${name}": varnishd with the xkey module (Debian: varnish, varnish-modules) is not installed; ` +
      'with CI or REQUIRE_VARNISH=1 this is a failure.',
  );
  describe.skip(name, body);
}

export interface TestVarnish {
  url: string;
  /** Whether Varnish holds an answer for this path (asked of the cache alone: nothing is fetched). */
  holds(pathAndQuery: string): Promise<boolean>;
  /** The status of the answer Varnish holds for this path, or undefined when it holds none. */
  heldStatus(pathAndQuery: string): Promise<number | undefined>;
  /** A counter of Varnish's (varnishstat), e.g. MAIN.s_fetch: the fetches from the service. */
  counter(name: string): number;
  /** The counter once it has stopped moving: Varnish's workers publish their counts a little later. */
  settledCounter(name: string): Promise<number>;
  stop(): Promise<void>;
}

/** Varnish (varnishd, in the foreground) with the shipped VCL in front of these instances, once it answers. */
export async function startVarnish(backends: string[], port?: number): Promise<TestVarnish> {
  const dir = workDirectory('newsroom-varnish-');
  const vclFile = path.join(dir, 'newsroom.vcl');
  writeFileSync(vclFile, vclFor(backends));
  port ??= await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    'varnishd',
    ['-F', '-j', 'none', '-f', vclFile, '-a', `127.0.0.1:${port}`, '-n', path.join(dir, 'n'), '-s', 'malloc,64m'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  for (const stream of [child.stdout, child.stderr]) stream.setEncoding('utf8').on('data', (text) => (output += text));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    // Up when the instances' probes have passed: Varnish answers /api/ready from one of them.
    await eventually(async () => (await fetch(`${url}/api/ready`)).status === 200, 'Varnish in front');
  } catch (error) {
    const last = await fetch(`${url}/api/ready`).then(
      async (answer) => `HTTP ${answer.status} ${(await answer.text()).slice(0, 300)}`,
      (failure: unknown) => String(failure),
    );
    const probes = spawnSync('varnishadm', ['-n', path.join(dir, 'n'), 'backend.list', '-p'], { encoding: 'utf8' });
    child.kill('SIGKILL');
    throw new Error(
      `${error}; /api/ready through Varnish: ${last}; probes: ${probes.stdout}; varnishd said: ${output}`,
    );
  }
  const heldStatus = async (pathAndQuery: string): Promise<number | undefined> => {
    const answer = await fetch(`${url}${pathAndQuery}`, { headers: { 'x-cache-probe': '1' } });
    await answer.arrayBuffer();
    if (answer.status !== 200 && answer.status !== 404) throw new Error(`cache probe: HTTP ${answer.status}`);
    return answer.status === 200 ? Number(answer.headers.get('x-cached-status')) : undefined;
  };
  const counter = (name: string): number => {
    const result = spawnSync('varnishstat', ['-n', path.join(dir, 'n'), '-1', '-f', name], { encoding: 'utf8' });
    const value = new RegExp(`^${name.replace('.', '\\.')}\\s+(\\d+)`, 'm').exec(result.stdout)?.[1];
    if (value === undefined) throw new Error(`varnishstat has no ${name}: ${result.stdout}${result.stderr}`);
    return Number(value);
  };
  return {
    url,
    holds: async (pathAndQuery) => (await heldStatus(pathAndQuery)) !== undefined,
    heldStatus,
    counter,
    async settledCounter(name) {
      let last = counter(name);
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 1500));
        const now = counter(name);
        if (now === last) return now;
        last = now;
      }
    },
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
