/**
 * One owner for what the public sees: only the read side's visibility rule (src/read-side/visibility.ts, which spells
 * "a published version" and "visible now") and the read model built on it (src/read-side/read-model/) may compare a
 * release's publication or embargo with a clock, or test them for null. Any other file under src/ that does is a
 * second copy of the rule.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(__dirname, '..', '..', 'src');
const OWNERS = [path.join(SRC, 'read-side', 'visibility.ts'), path.join(SRC, 'read-side', 'read-model')];

/** A publication or embargo column/field compared with something, or tested for null (SQL, query engine, JS). */
const VISIBILITY_TESTS = [
  /\b(published_at|embargo_until)\s*(IS\b|<|>|=|!=)/i,
  /(<|>|=)\s*[\w.]*\b(published_at|embargo_until)\b/i,
  /\b(publishedAt|embargoUntil)\s*:[^,;]*\{\s*\$?(notNull|null|lt|lte|gt|gte|eq|ne)\b/,
  /\.(publishedAt|embargoUntil)\s*(===?|!==?|<|>)/,
  /\b(publishedAt|embargoUntil)\s*\?\?/,
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (OWNERS.includes(full)) return [];
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|js)$/.test(entry.name) ? [full] : [];
  });
}

describe('the read side owns visibility', () => {
  it('no other file under src/ compares publication or embargo with a clock or tests them for null', () => {
    const offending: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const relative = path.relative(SRC, file);
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, index) => {
          if (VISIBILITY_TESTS.some((pattern) => pattern.test(line)))
            offending.push(`${relative}:${index + 1}: ${line.trim()}`);
        });
    }
    expect(offending).toEqual([]);
  });

  it('catches a copy of the rule (the check above can fail)', () => {
    const copies = [
      'WHERE p.published_at IS NOT NULL',
      'AND (embargo_until IS NULL OR embargo_until <= :now)',
      'where: { publishedAt: { $notNull: true } }',
      'publishedAt: draft ? { $null: true } : { $notNull: true },',
      '{ embargoUntil: { $lte: now } }',
      'if (release.embargoUntil > Date.now()) return;',
      'AND :now >= r.embargo_until',
    ];
    for (const copy of copies)
      expect({ copy, caught: VISIBILITY_TESTS.some((pattern) => pattern.test(copy)) }).toEqual({ copy, caught: true });
  });
});
