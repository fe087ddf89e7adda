import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ensureEditorAccount } from '../../src/editorial/newsroom-setup/editor-role';
import { PROJECT_ROOT, startNewsroom } from './newsroom-app';

/** CHROMIUM_PATH, else the first Chromium on PATH (as .ci/run finds it), else Debian's place for it. */
function findChromium(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || undefined;
    } catch {
      // not on PATH under that name
    }
  }
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

export const CHROMIUM_PATH = findChromium();
export const ARTIFACTS_DIR = path.join(PROJECT_ROOT, 'tests', 'artifacts');

/**
 * Browser suites need Chromium (Debian's: `apt-get install -y chromium`; .ci/run installs it). Without it they are
 * skipped with a message on a developer's machine, and fail in CI, where it must be there.
 */
export function describeInBrowser(name: string, body: () => void): void {
  if (CHROMIUM_PATH && existsSync(CHROMIUM_PATH)) {
    describe(name, body);
    return;
  }
  const missing = CHROMIUM_PATH ? `${CHROMIUM_PATH} is missing` : 'no Chromium on PATH, nor CHROMIUM_PATH';
  if (process.env.CI) throw new Error(`${missing}: CI must install Chromium for the browser tests.`);
  console.warn(`SKIPPED browser tests "${name}": ${missing} (apt-get install -y chromium).`);
  describe.skip(name, body);
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Listens on a local port (a free one unless given) and returns the base URL. */
export async function listen(app: Core.Strapi, port = 0): Promise<string> {
  const server = app.server.httpServer;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/**
 * A local port free now, for an app whose own URL (SERVER_URL) must be known before it starts: the links it mails
 * and its redirects then lead back to it.
 */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export function screenshotPath(name: string): string {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return path.join(ARTIFACTS_DIR, `${name}.png`);
}

/** The newest change to what the admin bundle is built from (src/ holds the panel and what it imports). */
function newestAdminSource(): number {
  const newest = (entry: string): number => {
    const stats = statSync(entry);
    if (!stats.isDirectory()) return stats.mtimeMs;
    return Math.max(stats.mtimeMs, ...readdirSync(entry).map((name) => newest(path.join(entry, name))));
  };
  return Math.max(
    ...['src', 'favicon.png', 'package-lock.json'].map((entry) => newest(path.join(PROJECT_ROOT, entry))),
  );
}

/**
 * The admin panel must be built to be served (`npm run build`): built once, and again when its sources changed
 * since (a build left by an earlier run would show the panel as it was).
 */
export function ensureAdminBuild(): void {
  const built = path.join(PROJECT_ROOT, 'dist', 'build', 'index.html');
  if (existsSync(built) && statSync(built).mtimeMs > newestAdminSource()) return;
  execFileSync(
    process.execPath,
    [path.join(PROJECT_ROOT, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'build'],
    {
      cwd: PROJECT_ROOT,
      env: process.env,
      stdio: 'ignore',
      timeout: 300_000,
    },
  );
}

/** Logs in on the admin panel's form and waits for its home page. */
export async function logInToAdminPanel(
  page: Page,
  baseUrl: string,
  account: { email: string; password: string },
): Promise<void> {
  await page.goto(`${baseUrl}/admin`);
  await page.fill('input[name="email"]', account.email);
  await page.fill('input[name="password"]', account.password);
  await page.click('button[type="submit"]');
  await page.waitForURL(/\/admin\/?$/);
}

/** The real app serving its admin panel (built first if need be), listening on a free local port. */
export async function startNewsroomWithAdminPanel(): Promise<{ app: Core.Strapi; baseUrl: string }> {
  ensureAdminBuild();
  const app = await startNewsroom({ adminPanel: true });
  return { app, baseUrl: await listen(app) };
}

/** The app with its admin panel on a local port, an Editor account, and a Chromium page to drive it. */
export async function startAdminPanelInChromium(editor: { email: string; password: string }): Promise<{
  app: Core.Strapi;
  baseUrl: string;
  browser: Browser;
  page: Page;
}> {
  const { app, baseUrl } = await startNewsroomWithAdminPanel();
  await ensureEditorAccount(app, editor);
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  return { app, baseUrl, browser, page };
}
