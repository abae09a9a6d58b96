#!/usr/bin/env node
// Writes a content folder for the bench's scale rows: the demo's data and settings with only its collection
// (content/collections/territoires, the same fields and texts), whose dataset is replaced by ROWS rows of MADE-UP
// communes ("Commune fictive n° 12"). Every figure is drawn from a seeded generator (the same folder every run);
// the collection is marked illustrative, so every sheet says the data are made up. Nothing it writes is committed.
//   node scripts/make-scale-collection.mjs OUT_DIR ROWS [SEED]
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REGIONS, seeded } from './made-up-data.mjs';


/** The rows of the made-up dataset, as CSV text (the columns of the demo's territoires.csv). */
export function scaleDataset(rows, seed = 20250320) {
  const { between } = seeded(seed);
  const lines = ['code,nom_fr,nom_en,region_fr,region_en,etablissements,emplois,part_emploi,projets,investissement'];
  for (let i = 1; i <= rows; i++) {
    const [fr, en] = REGIONS[between(0, REGIONS.length - 1)];
    const etablissements = between(1, 400);
    const emplois = etablissements * between(3, 40);
    const part = (between(20, 400) / 10).toFixed(1);
    const projets = between(0, 30);
    const investissement = projets * between(50, 900) * 1000;
    const code = `c-${String(i).padStart(5, '0')}`;
    lines.push([code, `Commune fictive n° ${i}`, `Fictitious commune No. ${i}`, `"${fr}"`, `"${en}"`, etablissements, emplois, part, projets, investissement].join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** A content folder at `dir`: the demo without its releases and reviews, its collection with `rows` made-up rows. */
export async function makeScaleContent(dir, rows, seed) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await cp(join(root, 'content'), dir, { recursive: true });
  for (const folder of ['releases', 'reviews']) await rm(join(dir, folder), { recursive: true, force: true });
  await writeFile(join(dir, 'collections', 'territoires', 'territoires.csv'), scaleDataset(rows, seed));
  return dir;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir, rows, seed] = process.argv.slice(2);
  if (!dir || !(Number(rows) > 0)) {
    console.error('usage: node scripts/make-scale-collection.mjs OUT_DIR ROWS [SEED]');
    process.exit(2);
  }
  await makeScaleContent(dir, Number(rows), seed === undefined ? undefined : Number(seed));
  console.log(`wrote a content folder with ${rows} made-up communes (illustrative) to ${dir}`);
}
