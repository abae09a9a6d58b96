import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { filesBelow, pdfText, ROOT, runCli, tempDir } from '../helpers/cli.js';

const BASE = 'https://presse.example.gouv.fr/';
const NOW = '2025-06-01T10:00';
const ROWS = 6;

describe('publish after a build of the same content', () => {
  let content: string;
  let out: string;
  let publish: { code: number; stdout: string; stderr: string };

  beforeAll(async () => {
    // A generated collection of made-up communes (scripts/make-scale-collection.mjs), not the demo's.
    content = join(await tempDir(), 'content');
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'make-scale-collection.mjs'), content, String(ROWS)]);
    out = await tempDir();
    const built = await runCli(['build', '--content', content, '--out', out, '--quiet']);
    expect(built.code).toBe(0);
    publish = await runCli(['publish', '--content', content, '--out', out, '--base-url', BASE, '--now', NOW]);
  }, 300_000);

  it('should print no PDF: every PDF comes from the PDF cache of the build, and it says so', () => {
    expect(publish.code).toBe(0);
    expect(publish.stdout).toContain(`Printed 0 of ${ROWS * 2} PDFs (the others from the PDF cache of the last build or the archive).`);
  });

  it('should publish the same bytes as a publish into an empty folder, which prints every PDF', async () => {
    const fresh = await tempDir();
    const run = await runCli(['publish', '--content', content, '--out', fresh, '--base-url', BASE, '--now', NOW]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Printed ${ROWS * 2} of ${ROWS * 2} PDFs`);
    const expected = await filesBelow(join(fresh, 'site'));
    const actual = await filesBelow(join(out, 'site'));
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    expect([...expected].filter(([path, bytes]) => !actual.get(path)!.equals(bytes)).map(([path]) => path)).toEqual([]);
    expect(pdfText(join(out, 'site', 'documents', 'fiche-2025-03-20-territoires.c-00001-fr.pdf'))).toContain('Commune fictive n° 1');
  }, 300_000);
});
