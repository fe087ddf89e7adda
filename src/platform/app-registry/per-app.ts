import type { Core } from '@strapi/strapi';

type Registry = Record<symbol, unknown>;

const keyOf = (name: string): symbol => Symbol.for(`newsroom.${name}`);

/**
 * This app instance's one `name`, made by `create` the first time it is asked for. Kept on the app under a registry
 * symbol: every copy of the asking module (the compiled app and, in tests, the TypeScript source) reaches the same
 * one, and tests that start several apps in one process get one each.
 */
export function perApp<T>(strapi: Core.Strapi, name: string, create: () => T): T {
  const registry = strapi as unknown as Registry;
  const key = keyOf(name);
  if (!(key in registry)) registry[key] = create();
  return registry[key] as T;
}

/** This app's `name` when it has been made, without making it. */
export function madeForApp<T>(strapi: Core.Strapi, name: string): T | undefined {
  return (strapi as unknown as Registry)[keyOf(name)] as T | undefined;
}
