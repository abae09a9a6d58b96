import { readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/load/load-project.js';
import type { Collection } from '../../src/load/project.js';
import { copyContent } from '../helpers/cli.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/collection/', import.meta.url));
const COLLECTION = join('collections', 'usines');

/** The fixture's collection, and every message with its file relative to the content folder. */
async function load(edit?: (dir: string) => Promise<void>) {
  const dir = await copyContent(FIXTURE);
  await edit?.(join(dir, COLLECTION));
  const { project, files } = await loadProject(dir);
  const messages = files.flatMap((file) =>
    file.messages.map((m) => ({ file: relative(dir, resolve(file.path)), line: m.line, column: m.column, ruleId: m.ruleId, fatal: m.fatal, reason: m.reason })),
  );
  return { collection: project?.collections[0] as Collection | undefined, messages };
}

/** Replaces `from` by `to` in a file of the collection. */
const replace = (name: string, from: string, to: string) => async (dir: string) => {
  const path = join(dir, name);
  const text = await readFile(path, 'utf8');
  if (!text.includes(from)) throw new Error(`${name} has no "${from}"`);
  await writeFile(path, text.replace(from, to));
};

describe('loading a collection', () => {
  it('should read every row with its fields typed, quoted CSV values and an empty optional field included', async () => {
    const { collection, messages } = await load();
    expect(messages).toEqual([]);
    expect(collection?.rows.map((r) => r.id)).toEqual(['alpha', 'beta', 'gamma']);
    const beta = collection!.rows[1]!;
    expect(Object.fromEntries(beta.values)).toEqual({
      code: 'beta',
      nom: { fr: 'Bêta, la Haute', en: 'Upper Beta' },
      emplois: 1250,
      part: 8,
      budget: 2500000,
      note: 'Une note, avec virgule',
    });
    expect(collection!.rows[0]!.values.has('note')).toBe(false);
    expect(collection!.skipped).toBe(0);
  });

  it('should report a value of the wrong kind with the row, the field, its line and column, and leave only that row out', async () => {
    const { collection, messages } = await load(replace('lignes.csv', 'beta,"Bêta, la Haute",Upper Beta,1250', 'beta,"Bêta, la Haute",Upper Beta,12a'));
    expect(collection?.rows.map((r) => r.id)).toEqual(['alpha', 'gamma']);
    expect(collection?.skipped).toBe(1);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ file: join(COLLECTION, 'lignes.csv'), line: 3, column: 34, ruleId: 'bad-row', fatal: false });
    expect(messages[0]!.reason).toContain('Row 2 ("beta"), field "emplois" (Jobs): expected a whole number');
    expect(messages[0]!.reason).toContain('found "12a"');
  });

  it('should report a missing value, a second use of an id and a row of the wrong length, each on its own line', async () => {
    const { collection, messages } = await load(async (dir) => {
      await writeFile(
        join(dir, 'lignes.csv'),
        ['code,nom_fr,nom_en,emplois,part,budget,note', 'alpha,A,A,1,2,3,', 'alpha,B,B,1,2,3,', 'gamma,G,,1,2,3,', 'delta,D,D,1,2', 'epsilon,E,E,1,101,3,', 'Zeta,Z,Z,1,2,3,'].join('\n'),
      );
    });
    expect(collection?.rows.map((r) => r.id)).toEqual(['alpha']);
    expect(collection?.skipped).toBe(5);
    const byLine = new Map(messages.map((m) => [m.line, m.reason]));
    expect(byLine.get(3)).toMatch(/Row 2 \("alpha"\), field "code".*already the id of row 1/);
    expect(byLine.get(4)).toMatch(/Row 3 \("gamma"\), field "nom".*no value in "nom_en"/);
    expect(byLine.get(5)).toMatch(/Row 4 \("delta"\): it has 5 values where the header line names 7 columns/);
    expect(byLine.get(6)).toMatch(/Row 5 \("epsilon"\), field "part".*between 0 and 100.*found "101"/);
    expect(byLine.get(7)).toMatch(/Row 6 \("Zeta"\), field "code".*cannot name a folder/);
  });

  it('should refuse a dataset whose header lacks a field or has an unknown column, as an error', async () => {
    const { collection, messages } = await load(replace('lignes.csv', 'code,nom_fr,nom_en,emplois,part,budget,note', 'code,nom_fr,nom_en,emploi,part,budget,note'));
    expect(collection?.rows).toEqual([]);
    const reasons = messages.filter((m) => m.fatal).map((m) => `${m.line}:${m.column} ${m.reason}`);
    expect(reasons).toEqual([
      expect.stringMatching(/^1:20 The column "emploi" is not a field of the collection/),
      expect.stringMatching(/^1:1 The header line has no column "emplois"/),
    ]);
  });

  it('should refuse a CSV whose quotes are not closed, naming the line', async () => {
    const { messages } = await load(replace('lignes.csv', 'gamma,Gamma-sur-Mer', 'gamma,"Gamma-sur-Mer'));
    expect(messages).toEqual([expect.objectContaining({ ruleId: 'csv-syntax', fatal: true, file: join(COLLECTION, 'lignes.csv') })]);
    expect(messages[0]!.reason).toMatch(/Invalid CSV: .*between double quotes/);
  });

  it('should read a YAML dataset, with the place of a bad value', async () => {
    const { collection, messages } = await load(async (dir) => {
      await rm(join(dir, 'lignes.csv'));
      await writeFile(
        join(dir, 'lignes.yaml'),
        ['- code: alpha', '  nom_fr: Alpha', '  nom_en: Alpha', '  emplois: 10', '  part: 1.5', '  budget: 100', '- code: beta', '  nom_fr: Bêta', '  nom_en: Beta', '  emplois: dix', '  part: 2', '  budget: 200', ''].join('\n'),
      );
      await replace('collection.yaml', 'dataset: lignes.csv', 'dataset: lignes.yaml')(dir);
    });
    expect(collection?.rows.map((r) => [r.id, r.values.get('emplois')])).toEqual([['alpha', 10]]);
    expect(messages).toEqual([expect.objectContaining({ file: join(COLLECTION, 'lignes.yaml'), line: 10, column: 12, ruleId: 'bad-row' })]);
    expect(messages[0]!.reason).toContain('Row 2 ("beta"), field "emplois" (Jobs): expected a whole number');
  });

  it('should read a long dataset whole, each value as written, and report a bad row far down at its line and column', async () => {
    const long = `${'Une très longue note, '.repeat(4000)}fin`; // longer than the pieces rows keep their texts in
    const regions = [['Île-de-France', 'Paris Region'], ['Provence-Alpes-Côte d’Azur', 'Provence-Alpes-Côte d’Azur']];
    const lines = ['code,nom_fr,nom_en,emplois,part,budget,note'];
    for (let i = 1; i <= 3000; i++) {
      const [fr, en] = regions[i % 2]!;
      const note = i % 3 === 0 ? '' : i === 1000 ? `"${long}"` : `"Note ${i}, sur ""deux""\nlignes 😀"`;
      lines.push(`c-${i},"${fr} ${i}",${en} ${i},${i === 2500 ? '12a' : i * 7},${(i % 1000) / 10},${i * 1000},${note}`);
    }
    const { collection, messages } = await load(async (dir) => writeFile(join(dir, 'lignes.csv'), `${lines.join('\n')}\n`));
    expect(collection?.rows).toHaveLength(2999);
    expect(collection?.skipped).toBe(1);
    // Row 2500 starts after the header, the 2,499 rows before it and the second lines of their two-line notes.
    const line = 2 + 2499 + [...Array(2499).keys()].filter((k) => (k + 1) % 3 !== 0 && k + 1 !== 1000).length;
    expect(messages).toEqual([expect.objectContaining({ file: join(COLLECTION, 'lignes.csv'), line, ruleId: 'bad-row' })]);
    expect(messages[0]!.column).toBe(`c-2500,"Île-de-France 2500",Paris Region 2500,`.length + 1);
    expect(messages[0]!.reason).toContain('Row 2500 ("c-2500"), field "emplois" (Jobs): expected a whole number');
    const byId = new Map(collection!.rows.map((row) => [row.id, row]));
    expect(Object.fromEntries(byId.get('c-1000')!.values)).toEqual({ code: 'c-1000', nom: { fr: 'Île-de-France 1000', en: 'Paris Region 1000' }, emplois: 7000, part: 0, budget: 1000000, note: long });
    expect(Object.fromEntries(byId.get('c-2999')!.values)).toEqual({
      code: 'c-2999',
      nom: { fr: 'Provence-Alpes-Côte d’Azur 2999', en: 'Provence-Alpes-Côte d’Azur 2999' },
      emplois: 20993,
      part: 99.9,
      budget: 2999000,
      note: 'Note 2999, sur "deux"\nlignes 😀',
    });
    expect(byId.get('c-3000')!.values.has('note')).toBe(false);
    expect(byId.get('c-3000')!.values.size).toBe(5);
  });

  it('should keep a hash of a CSV dataset rather than its text once its rows are read', async () => {
    const dir = await copyContent(FIXTURE);
    const { files } = await loadProject(dir);
    const dataset = files.find((file) => file.path.endsWith('lignes.csv'))!;
    expect(dataset.value).toBeUndefined();
    expect(dataset.data.textHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('should refuse a title that names no field', async () => {
    const { messages } = await load(replace('collection.yaml', 'fr: "{nom} : fiche"', 'fr: "{nome} : fiche"'));
    expect(messages).toEqual([expect.objectContaining({ file: join(COLLECTION, 'collection.yaml'), line: 2, ruleId: 'unknown-id', fatal: true })]);
    expect(messages[0]!.reason).toContain('"{nome}" in the title is not a field of the collection');
  });
});
