/**
 * Strapi hands a plugin's extension (src/extensions/<plugin>/strapi-server.ts) the plugin's own module objects, and a
 * process that starts several apps (the tests do, one per file) extends the same objects again for each: a wrapper
 * would wrap the wrapper of the app before (a WebP copy of a WebP copy, every check run twice). Each wrapper keeps
 * what it wraps here, and a new one always wraps what Strapi made.
 */
const ORIGINAL = Symbol.for('newsroom.extension.original');

type Marked<T> = T & { [ORIGINAL]?: T };

/** What Strapi made, under any wrappers of earlier apps in this process. */
export function strapiOriginal<T extends object>(value: T): T {
  return (value as Marked<T>)[ORIGINAL] ?? value;
}

/** The wrapper, marked as wrapping what Strapi made under `wrapped`. */
export function wrapperOf<T extends object>(wrapped: T, wrapper: T): T {
  Object.defineProperty(wrapper, ORIGINAL, { value: strapiOriginal(wrapped) });
  return wrapper;
}
