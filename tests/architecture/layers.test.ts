import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const README = fileURLToPath(new URL('../../README.md', import.meta.url));

/** The folders of src/, from the bottom up, as the README's "Architecture" section lists them. */
function readmeLayers(): string[] {
  const readme = readFileSync(README, 'utf8');
  const section = readme.slice(readme.indexOf('## Architecture'));
  const list = section.slice(section.indexOf('<!-- layers -->'), section.indexOf('<!-- /layers -->'));
  return [...list.matchAll(/^\d+\. `([a-z]+)\/`/gm)].map((m) => m[1]!);
}

/** Every relative import of every module of src/ (static, dynamic and type-only), as [importer, imported], paths below src/. */
function imports(): Array<[string, string]> {
  const edges: Array<[string, string]> = [];
  for (const name of readdirSync(SRC, { recursive: true }) as string[]) {
    if (!name.endsWith('.ts')) continue;
    const text = readFileSync(join(SRC, name), 'utf8');
    for (const m of text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
      edges.push([name, relative(SRC, resolve(dirname(join(SRC, name)), m[1]!)).replace(/\.js$/, '.ts')]);
    }
  }
  return edges;
}

const layerOf = (path: string): string => (path.includes(sep) ? path.slice(0, path.indexOf(sep)) : path);

describe('layers', () => {
  const layers = readmeLayers();

  it('should list every folder of src/ once in the README, and nothing else', () => {
    const folders = readdirSync(SRC, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    expect([...layers].sort()).toEqual(folders);
    expect(new Set(layers).size).toBe(layers.length);
  });

  it('should keep every module of src/ in a folder', () => {
    expect((readdirSync(SRC) as string[]).filter((name) => name.endsWith('.ts'))).toEqual([]);
  });

  it('should never import from a folder above', () => {
    const upward = imports()
      .filter(([from, to]) => layers.indexOf(layerOf(to)) > layers.indexOf(layerOf(from)))
      .map(([from, to]) => `src/${from} imports src/${to}: ${layerOf(to)}/ is above ${layerOf(from)}/`);
    expect(upward).toEqual([]);
  });

  it('should have no cycle between two modules', () => {
    const edges = imports();
    const cycles = edges.filter(([from, to]) => edges.some(([a, b]) => a === to && b === from) && from < to).map(([a, b]) => `src/${a} ⇄ src/${b}`);
    expect(cycles).toEqual([]);
  });
});
