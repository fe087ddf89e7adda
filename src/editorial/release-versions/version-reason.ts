import { AsyncLocalStorage } from 'node:async_hooks';

/** Why a version of a release was kept. */
export type VersionReason = 'save' | 'publish' | 'unpublish' | 'discard' | 'restore' | 'import';

// A restore or an import writes through the document service like any save: the reason they give travels with
// the call (and everything it awaits) instead of through the write's parameters, which Strapi validates. One store
// per process: the import script runs this module from source while the app it starts runs its compiled copy.
const STORE = Symbol.for('newsroom.release-versions.reason');
const processWide = globalThis as typeof globalThis & { [STORE]?: AsyncLocalStorage<VersionReason> };
const givenReason = (processWide[STORE] ??= new AsyncLocalStorage<VersionReason>());

/** Runs `write` so that the versions it keeps carry `reason` instead of the one its action implies. */
export function withVersionReason<T>(reason: VersionReason, write: () => Promise<T>): Promise<T> {
  return givenReason.run(reason, write);
}

/** The reason given by an enclosing `withVersionReason`, if any. */
export const givenVersionReason = (): VersionReason | undefined => givenReason.getStore();
