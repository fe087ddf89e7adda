import type * as StrapiModule from '@strapi/strapi';
import { NATIVE_REQUIRE } from '../setup/native-require';

type ModuleRequire = (id: string) => unknown;

const nativeRequire = (globalThis as Record<string, unknown>)[NATIVE_REQUIRE] as ModuleRequire | undefined;

/**
 * A module as the app loads it: from Node's own module cache, shared by every test file in a Jest worker
 * (tests/setup/newsroom-environment.ts), so the same instance as the app's, with its state. Outside Jest (a forked
 * app process), the usual `require`.
 */
export function appModule<T>(id: string): T {
  return (nativeRequire ?? require)(id) as T;
}

export const { createStrapi } = appModule<typeof StrapiModule>('@strapi/strapi');
