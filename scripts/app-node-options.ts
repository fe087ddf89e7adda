import { heapLimitFlags, readSettings } from '../src/platform/settings/newsroom-settings';

/**
 * NODE_OPTIONS for a command run by with-database.ts: the served app (`strapi start`) gets the heap limit of
 * HEAP_LIMIT_MB after whatever the environment already sets; builds, exports and imports keep V8's own.
 * Throws SettingsError on a bad value.
 */
export function nodeOptionsFor(args: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
  if (args[0] !== 'strapi' || args[1] !== 'start') return env.NODE_OPTIONS;
  const options = [env.NODE_OPTIONS ?? '', ...heapLimitFlags(readSettings(env))].join(' ').trim();
  return options || undefined;
}
