#!/usr/bin/env node
// The bench's T4 rows (scale), also runnable alone: `node bench/scale.mjs` (after `npx tsc`). A seeded collection of
// made-up communes (scripts/make-scale-collection.mjs), built in a new process with an empty output folder, one run
// each: the peak RSS of the process tree (node, and Chromium with PDFs) and the wall time, against the same build
// of 183 rows, the size of the demo's collection. BENCH_SCALE_ROWS=35000,3000 changes the two sizes.
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeScaleContent } from '../scripts/make-scale-collection.mjs';
import { peakMemory } from './peak-memory.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'bin', 'communique.js');
/** The size of the demo's collection: what the large builds are compared with. */
const BASE_ROWS = 183;

const ms = (value) => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(0)} ms`);

/** One build of `rowCount` made-up rows (HTML only, or with PDFs): its peak RSS (MB), wall time and time per row (ms). */
async function scaleRun(work, rowCount, pdf) {
  const dir = await makeScaleContent(join(work, `scale-${rowCount}`), rowCount);
  const out = join(work, `scale-out-${rowCount}`);
  await rm(out, { recursive: true, force: true });
  try {
    const { peakMb, elapsed } = await peakMemory(process.execPath, [CLI, 'build', '--quiet', ...(pdf ? [] : ['--no-pdf']), '--content', dir, '--out', out], { cwd: ROOT });
    return { peakMb, elapsed, perRow: elapsed / rowCount };
  } finally {
    await rm(out, { recursive: true, force: true });
    await rm(dir, { recursive: true, force: true });
  }
}

/** A ratio against a ceiling ("≤ 1.2×"): met or not, with the factor, and what it misses by. */
function atMost(ratio, target, missed = '') {
  return ratio <= target ? `≤ ${target}×: met (${ratio.toFixed(2)}×)` : `≤ ${target}×: NOT met (${ratio.toFixed(2)}×${missed})`;
}

/** The T4 rows of the bench table: [measure, value, what, target]. */
export async function scaleRows(work, { html = 35_000, pdf = 3_000 } = {}) {
  const rows = [];
  const load = () => `load ${loadavg()[0].toFixed(1)}`;
  const small = await scaleRun(work, BASE_ROWS, false);
  rows.push([`T4. --no-pdf, ${BASE_ROWS} made-up communes: peak RSS (node)`, `${small.peakMb.toFixed(0)} MB`, `${ms(small.elapsed)}, ${load()}`, '']);
  const big = await scaleRun(work, html, false);
  const memory = big.peakMb / small.peakMb;
  rows.push([`    --no-pdf, ${html.toLocaleString('en')} made-up communes: peak RSS (node)`, `${big.peakMb.toFixed(0)} MB`, `${ms(big.elapsed)}, ${load()}`, atMost(memory, 1.2, `; ${(big.peakMb - 1.2 * small.peakMb).toFixed(0)} MB too many`)]);
  const smallPdf = await scaleRun(work, BASE_ROWS, true);
  rows.push([`    with PDFs, ${BASE_ROWS} made-up communes: peak RSS (node + Chromium)`, `${smallPdf.peakMb.toFixed(0)} MB`, `${ms(smallPdf.elapsed)}, ${ms(smallPdf.perRow)} per row, ${load()}`, '']);
  const bigPdf = await scaleRun(work, pdf, true);
  const memoryPdf = bigPdf.peakMb / smallPdf.peakMb;
  rows.push([`    with PDFs, ${pdf.toLocaleString('en')} made-up communes: peak RSS (node + Chromium)`, `${bigPdf.peakMb.toFixed(0)} MB`, `${ms(bigPdf.elapsed)}, ${ms(bigPdf.perRow)} per row, ${load()}`, atMost(memoryPdf, 1.2, `; ${(bigPdf.peakMb - 1.2 * smallPdf.peakMb).toFixed(0)} MB too many`)]);
  const perRow = bigPdf.perRow / smallPdf.perRow;
  rows.push([`    time per row (2 sheets, 4 files), ${pdf.toLocaleString('en')} ÷ ${BASE_ROWS}`, `${perRow.toFixed(2)}×`, '', atMost(perRow, 1.1, `; ${((perRow - 1) * 100).toFixed(0)}% slower per row`)]);
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [html, pdf] = (process.env.BENCH_SCALE_ROWS ?? '').split(',').map(Number);
  const work = await mkdtemp(join(tmpdir(), 'communique-scale-'));
  try {
    const rows = await scaleRows(work, { ...(html > 0 ? { html } : {}), ...(pdf > 0 ? { pdf } : {}) });
    const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => String(r[i]).length)));
    for (const row of rows) console.log(row.map((cell, i) => String(cell).padEnd(widths[i])).join('  ').trimEnd());
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
