/**
 * Another Newsroom app instance in a process of its own, listening on a free port (tests that need two
 * instances: Strapi keeps one instance in a process-wide global, so a second one in the test process would
 * share parts of the first). Run as a script, it is that process: it boots the app compiled by the global
 * setup, listens, reports its port over IPC and shuts down cleanly on 'stop'.
 */
import { fork } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createStrapi } from './strapi-modules';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

export interface NewsroomProcess {
  url: string;
  stop(): Promise<void>;
  /** Whether the process is still running (it has not crashed or exited). */
  running(): boolean;
  /** Sends a signal (as a process manager would) and resolves with the exit code once the process has ended. */
  signal(signal: NodeJS.Signals): Promise<number | null>;
}

export interface NewsroomProcessOptions {
  /** Receives what the process prints (stdout and stderr); without it, the output goes to the test's own. */
  output?: (text: string) => void;
}

export function startNewsroomProcess(
  env: Record<string, string>,
  options: NewsroomProcessOptions = {},
): Promise<NewsroomProcess> {
  const { output } = options;
  const child = fork(__filename, [], {
    cwd: PROJECT_ROOT,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', SEED_ON_START: 'false', LOG_STARTUP_BANNER: 'false', ...env },
    stdio: output ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  for (const stream of [child.stdout, child.stderr])
    stream?.setEncoding('utf8').on('data', (text: string) => output?.(text));
  // 'close': the process has ended and what it printed has all been read.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.send('stop');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    child.once('message', (message: { port: number }) =>
      resolve({
        url: `http://127.0.0.1:${message.port}`,
        stop,
        running: () => child.exitCode === null && child.signalCode === null,
        signal: (signal) => {
          child.kill(signal);
          return exited;
        },
      }),
    );
    child.once('exit', (code) =>
      reject(new Error(`The second Newsroom instance exited with ${code} before listening`)),
    );
  });
}

async function serve(): Promise<void> {
  const app = await createStrapi({
    appDir: PROJECT_ROOT,
    distDir: process.env.NEWSROOM_DIST_DIR,
    autoReload: false,
    serveAdminPanel: false,
  }).load();
  await app.listen();
  const shutDown = () =>
    app.destroy().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  process.on('message', (message) => message === 'stop' && shutDown());
  process.once('disconnect', shutDown); // the test process went away
  process.send?.({ port: (app.server.httpServer.address() as AddressInfo).port });
}

if (require.main === module) {
  serve().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
