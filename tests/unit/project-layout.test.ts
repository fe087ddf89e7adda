/**
 * The house stays readable: src/ is grouped into a few rooms whose imports run one way, no two folders import each
 * other (directly or round a circle), and docs/contributors.md's "Project layout" names every folder of src/.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT, relativeImportsOf, SRC, sourceFiles } from '../helpers/source-files';

/** The rooms, lowest first: a room imports only rooms below it, never one beside or above it. */
const ROOM_LEVELS: Record<string, number> = {
  platform: 0,
  'read-side': 1,
  editorial: 2,
  delivery: 2,
  channels: 2,
  'press-access': 3,
};
/**
 * Where Strapi looks for things, and the wiring (index.ts, the write pipeline): thin adapters that may import any
 * room, and that no room imports.
 */
const STRAPI_PLACES = [
  'api',
  'admin',
  'components',
  'extensions',
  'middlewares',
  'policies',
  'index.ts',
  'write-pipeline.ts',
];

const folderOf = (file: string): string => path.posix.dirname(file);
const topOf = (file: string): string => file.split('/')[1];

/** Folder → folders its files import (files in src/ only; a folder's own files do not count). */
function folderGraph(edges: [string, string][]): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const [from, to] of edges) {
    const a = folderOf(from);
    const b = folderOf(to);
    if (a === b) continue;
    if (!graph.has(a)) graph.set(a, new Set());
    graph.get(a)!.add(b);
  }
  return graph;
}

/** Strongly connected groups of more than one node (Tarjan): each is an import cycle. */
function cyclesOf(graph: Map<string, Set<string>>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== node);
      if (group.length > 1) cycles.push(group.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

const IMPORT_EDGES: [string, string][] = sourceFiles().flatMap((file) =>
  relativeImportsOf(file)
    .filter((target) => target.startsWith('src/'))
    .map((target): [string, string] => [file, target]),
);

describe('src/ imports', () => {
  it('form no cycle between folders', () => {
    expect(cyclesOf(folderGraph(IMPORT_EDGES))).toEqual([]);
  });

  it('run one way between rooms, and no room imports a Strapi place', () => {
    const wrongWay = IMPORT_EDGES.filter(([from, to]) => {
      const [a, b] = [topOf(from), topOf(to)];
      if (a === b || STRAPI_PLACES.includes(a)) return false;
      if (!(a in ROOM_LEVELS)) return true;
      return !(b in ROOM_LEVELS) || ROOM_LEVELS[b] >= ROOM_LEVELS[a];
    }).map(([from, to]) => `${from} imports ${to}`);
    expect(wrongWay).toEqual([]);
  });

  it('has only the rooms and Strapi places at the top of src/', () => {
    const top = readdirSync(SRC).sort();
    expect(top.filter((name) => !(name in ROOM_LEVELS) && !STRAPI_PLACES.includes(name))).toEqual([]);
  });

  it('would see a cycle (the checks above can fail)', () => {
    const edges: [string, string][] = [
      ['src/a/one.ts', 'src/b/two.ts'],
      ['src/b/two.ts', 'src/c/three.ts'],
      ['src/c/three.ts', 'src/a/four.ts'],
      ['src/d/five.ts', 'src/a/one.ts'],
    ];
    expect(cyclesOf(folderGraph(edges))).toEqual([['src/a', 'src/b', 'src/c']]);
    expect(relativeImportsOf('src/a/x.ts', "import type { T } from '../b/y';\nconst z = require('./z');")).toEqual([
      'src/b/y',
      'src/a/z',
    ]);
  });
});

describe("docs/contributors.md's project layout", () => {
  const readme = readFileSync(path.join(PROJECT_ROOT, 'docs', 'contributors.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Project layout'));
  const block = section.slice(section.indexOf('```'), section.indexOf('```', section.indexOf('```') + 3));
  const listed = new Set([...block.matchAll(/(?:^|\s)(src\/[\w./-]*)/gm)].map((match) => match[1].replace(/\/$/, '')));

  /** Folders of src/ two levels deep (src/api/press-release, src/read-side/read-model, …). */
  const folders = readdirSync(SRC, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => [
      `src/${entry.name}`,
      ...readdirSync(path.join(SRC, entry.name), { withFileTypes: true })
        .filter((child) => child.isDirectory())
        .map((child) => `src/${entry.name}/${child.name}`),
    ]);

  it('names every folder of src/', () => {
    expect(folders.filter((folder) => !listed.has(folder))).toEqual([]);
  });

  it('names no folder or file that is not there', () => {
    expect([...listed].filter((entry) => !existsSync(path.join(PROJECT_ROOT, entry)))).toEqual([]);
  });
});
