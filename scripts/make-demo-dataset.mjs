#!/usr/bin/env node
// Writes content/collections/territoires/territoires.csv: 183 rows of MADE-UP figures, one per fictitious territory,
// for the demo collection. No per-territory figures are published with the seed release: every value here is drawn
// from a seeded pseudo-random generator (the same file every run), and every sheet says the data are illustrative.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { REGIONS, seeded } from './made-up-data.mjs';

const ROWS = 183;

const { between } = seeded(20250320);
const quote = (text) => (/[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

const lines = ['code,nom_fr,nom_en,region_fr,region_en,etablissements,emplois,part_emploi,projets,investissement'];
for (let i = 1; i <= ROWS; i++) {
  const [fr, en] = REGIONS[(i * 7) % REGIONS.length];
  const etablissements = between(35, 900);
  const emplois = etablissements * between(12, 45);
  const part = (between(60, 340) / 10).toFixed(1);
  const projets = between(4, 75);
  const investissement = projets * between(150, 1200) * 1000;
  const code = `ti-${String(i).padStart(3, '0')}`;
  lines.push([code, `Territoire fictif n° ${i}`, `Fictitious territory No. ${i}`, fr, en, etablissements, emplois, part, projets, investissement].map(String).map(quote).join(','));
}
const target = fileURLToPath(new URL('../content/collections/territoires/territoires.csv', import.meta.url));
await writeFile(target, `${lines.join('\n')}\n`);
console.log(`wrote ${ROWS} rows to ${target}`);
