import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
export const SRC = path.join(PROJECT_ROOT, 'src');

/** Every TypeScript and JavaScript file below a folder, as paths relative to the project root (with `/`). */
export function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|js)$/.test(entry.name) ? [path.relative(PROJECT_ROOT, full).split(path.sep).join('/')] : [];
  });
}

export function readSource(file: string): string {
  return readFileSync(path.join(PROJECT_ROOT, file), 'utf8');
}

const IMPORT = /(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;

/** The project files a source file imports by a relative path (type-only imports included), relative to the root. */
export function relativeImportsOf(file: string, source = readSource(file)): string[] {
  return [...source.matchAll(IMPORT)].map((match) =>
    path.posix.normalize(path.posix.join(path.posix.dirname(file), match[1])),
  );
}
