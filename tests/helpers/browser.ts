import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { chromium, type Browser } from 'playwright-core';
import { PROJECT_ROOT } from './newsroom-app';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS_DIR = path.join(PROJECT_ROOT, 'tests', 'artifacts');

/**
 * Browser suites need Debian's Chromium (`apt-get install -y chromium`; .ci/run installs it). Without it
 * they are skipped with a message on a developer's machine, and fail in CI, where it must be there.
 */
export function describeInBrowser(name: string, body: () => void): void {
  if (existsSync(CHROMIUM_PATH)) {
    describe(name, body);
    return;
  }
  if (process.env.CI) throw new Error(`${CHROMIUM_PATH} is missing: CI must install Chromium for the browser tests.`);
  console.warn(`SKIPPED browser tests "${name}": no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium).`);
  describe.skip(name, body);
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Listens on a free local port and returns the base URL. */
export async function listen(app: Core.Strapi): Promise<string> {
  const server = app.server.httpServer;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export function screenshotPath(name: string): string {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return path.join(ARTIFACTS_DIR, `${name}.png`);
}
