import { createRequire } from 'node:module';
import path from 'node:path';
import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';
import type { Circus } from '@jest/types';
import { TestEnvironment } from 'jest-environment-node';
import { NATIVE_REQUIRE } from './native-require';

/**
 * Jest's Node environment, with the app's modules loaded by Node once per worker instead of into Jest's registry once
 * per test file. Strapi with its plugins is thousands of modules: loading them again was most of a short file's time,
 * and code run from Jest's registry is slower than the same code loaded by Node. Each file still creates, and
 * destroys, its own app (tests/helpers/strapi-modules.ts gives it `createStrapi`).
 *
 * What that shares has to be shared on purpose:
 * - `process.env`: Jest gives each file a copy, which modules loaded by Node would never see. The file gets the real
 *   one, and the environment puts it back as it was when the file ends, so one file's settings never reach the next.
 * - Node's `process`, whose listeners the app changes (see keepWorkerListeners).
 * - the global `strapi`, where Strapi keeps its app.
 * - module state of the app's own code (dist/) lasts from one file to the next, as it already did from one app to the
 *   next within a file.
 */
export default class NewsroomEnvironment extends TestEnvironment {
  private readonly envAtStart: NodeJS.ProcessEnv = { ...process.env };
  private readonly removeAllListeners = process.removeAllListeners;
  /** The process's listeners before the file's tests ran (see keepWorkerListeners). */
  private kept = listenersNow();

  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    super(config, context);
    // Tests put their environment back with `process.env = saved`: that replaces what the real one holds.
    Object.defineProperty(this.global.process, 'env', {
      configurable: true,
      get: () => process.env,
      set: (saved: NodeJS.ProcessEnv) => replaceEnv(saved),
    });
    this.global[NATIVE_REQUIRE] = createRequire(path.join(config.globalConfig.rootDir, 'package.json'));
    // Strapi keeps its app in the global `strapi`, now Node's global: the app's own code, called by a test, reads it.
    Object.defineProperty(this.global, 'strapi', {
      configurable: true,
      get: () => (globalThis as { strapi?: unknown }).strapi,
    });
    keepWorkerListeners(this.removeAllListeners, () => this.kept);
  }

  /** Jest sets its handlers of uncaught errors when the run starts: kept too, so that such an error is reported. */
  handleTestEvent(event: Circus.Event): void {
    if (event.name === 'run_start') this.kept = listenersNow();
  }

  override async teardown(): Promise<void> {
    replaceEnv(this.envAtStart);
    process.removeAllListeners = this.removeAllListeners;
    await super.teardown();
  }
}

type Listeners = Map<string | symbol, unknown[]>;

function listenersNow(): Listeners {
  return new Map(process.eventNames().map((name) => [name, process.listeners(name as 'message')]));
}

/**
 * `app.destroy()` calls `process.removeAllListeners()`, on Node's own process now: that would take the Jest worker's
 * own listeners (its IPC `message` one among them: the worker would exit after the file) and Jest's handler of
 * uncaught errors. Remove only what was added since the file's tests started.
 */
function keepWorkerListeners(removeAll: NodeJS.Process['removeAllListeners'], kept: () => Listeners): void {
  process.removeAllListeners = function (this: NodeJS.Process, event?: string | symbol) {
    if (event !== undefined) return removeAll.call(this, event);
    const before = kept();
    for (const name of this.eventNames()) {
      const keep = before.get(name) ?? [];
      for (const listener of this.listeners(name as 'message')) {
        if (!keep.includes(listener)) this.removeListener(name, listener);
      }
    }
    return this;
  };
}

function replaceEnv(saved: NodeJS.ProcessEnv): void {
  for (const key of Object.keys(process.env)) {
    if (!(key in saved)) delete process.env[key];
  }
  Object.assign(process.env, saved);
}
