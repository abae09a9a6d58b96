import { existsSync } from 'node:fs';
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyContent, filesBelow, pdfText, runCli, tempDir } from '../helpers/cli.js';
import { siteContent } from '../helpers/site-content.js';

const BASE = 'https://presse.example.gouv.fr/salle-de-presse/';
const NOW = '2024-01-01T10:00';

/** The PDFs a build wrote below its output folder (sections followed through their links). */
async function builtPdfs(out: string): Promise<string[]> {
  const pdfs: string[] = [];
  for (const section of ['communiques', 'bilans', 'fiches']) {
    if (!existsSync(join(out, section))) continue;
    for (const entry of await readdir(join(out, section), { recursive: true })) if (entry.endsWith('.pdf')) pdfs.push(`${section}/${entry}`);
  }
  return pdfs.sort();
}

describe('a build shared between machines: build --shard i/n, then publish --from', () => {
  let content: string;
  let shards: string[];
  let single: string;

  beforeAll(async () => {
    content = await siteContent();
    // The single machine publishes a copy: publish writes published.yaml and the archive into its content folder.
    const alone = await copyContent(content);
    shards = [];
    for (const shard of ['1/3', '2/3', '3/3']) {
      const out = await tempDir();
      const run = await runCli(['build', '--content', content, '--out', out, '--shard', shard]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      shards.push(out);
    }
    single = await tempDir();
    const run = await runCli(['publish', '--content', alone, '--out', single, '--base-url', BASE, '--now', NOW]);
    expect(run.code).toBe(0);
  }, 600_000);

  it('should build each document and sheet in exactly one shard', async () => {
    const built = await Promise.all(shards.map(builtPdfs));
    const all = built.flat();
    expect(new Set(all).size).toBe(all.length);
    // 2 releases, a review and 2 sheets, in 2 languages.
    expect(all).toHaveLength(10);
    expect(built.filter((pdfs) => pdfs.length > 0).length).toBeGreaterThan(1);
    for (const [i, out] of shards.entries()) {
      const record = JSON.parse(await readFile(join(out, 'shard.json'), 'utf8')) as { shard: string; pdfs: Record<string, unknown> };
      expect(record.shard).toBe(`${i + 1}/3`);
      expect(Object.keys(record.pdfs).sort()).toEqual(built[i]);
    }
  });

  it('should merge the 3 shards into a site byte-identical to a publish on one machine, printing no PDF', async () => {
    const merged = await tempDir();
    const run = await runCli(['publish', '--content', content, '--out', merged, '--base-url', BASE, '--now', NOW, '--from', shards[0]!, '--from', shards[1]!, '--from', shards[2]!]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Printed 0 of 10 PDFs');
    const expected = await filesBelow(join(single, 'site'));
    const actual = await filesBelow(join(merged, 'site'));
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    expect([...expected].filter(([path, bytes]) => !actual.get(path)!.equals(bytes)).map(([path]) => path)).toEqual([]);
    expect(pdfText(join(merged, 'site', 'documents', `bilan-2023-11-13-temps-2-fr.pdf`))).toContain('Sommaire');
    const manifest = JSON.parse(await readFile(join(merged, 'site', 'manifest.json'), 'utf8')) as { documents: unknown[] };
    expect(manifest.documents).toHaveLength(10);
  }, 300_000);

  it('should take a folder holding the shards’ folders as well as each folder', async () => {
    const parent = await tempDir();
    for (const [i, out] of shards.entries()) await cp(out, join(parent, `shard-${i + 1}`), { recursive: true, dereference: true });
    const merged = await tempDir();
    const run = await runCli(['publish', '--content', await copyContent(content), '--out', merged, '--base-url', BASE, '--now', NOW, '--from', parent]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Printed 0 of 10 PDFs');
  }, 300_000);

  /** Runs a merge expected to be refused: its code, its message, and that it wrote nothing. */
  async function refused(from: string[], into = content): Promise<string> {
    const out = join(await tempDir(), 'out');
    const ledger = join(into, 'published.yaml');
    const before = existsSync(ledger) ? await readFile(ledger, 'utf8') : undefined;
    const run = await runCli(['publish', '--content', into, '--out', out, '--base-url', BASE, '--now', NOW, ...from.flatMap((dir) => ['--from', dir])]);
    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(ledger) ? await readFile(ledger, 'utf8') : undefined).toBe(before);
    return run.stderr;
  }

  it('should refuse a merge with a shard missing, naming it, and write nothing', async () => {
    expect(await refused([shards[0]!, shards[2]!])).toContain('Shard 2/3 is missing');
  });

  it('should refuse two shards that overlap', async () => {
    expect(await refused([shards[0]!, shards[1]!, shards[1]!, shards[2]!])).toContain('Shard 2/3 is given twice');
    const other = await tempDir();
    expect((await runCli(['build', '--content', content, '--out', other, '--shard', '1/2'])).code).toBe(0);
    expect(await refused([shards[0]!, shards[1]!, shards[2]!, other])).toMatch(/is shard 1\/2, but .* is shard 1\/3/);
  }, 300_000);

  it('should refuse shards built from other content than the content published', async () => {
    const changed = await copyContent(content);
    const text = join(changed, 'releases', 'territoires-ti-001', 'fr.mdx');
    await writeFile(text, `${await readFile(text, 'utf8')}\nUn paragraphe ajouté après la construction des fragments.\n`);
    expect(await refused(shards, changed)).toMatch(/Shard 1\/3 \(.*\) was built from other content than/);
  });

  it('should refuse a folder that is not a shard', async () => {
    expect(await refused([shards[0]!, shards[1]!, await tempDir()])).toContain('holds no shard.json');
  });

  it('should refuse --shard other than I/N with 1 ≤ I ≤ N (exit 2)', async () => {
    for (const shard of ['0/3', '4/3', 'x']) {
      const run = await runCli(['build', '--content', content, '--out', await tempDir(), '--shard', shard]);
      expect(run.code, shard).toBe(2);
      expect(run.stderr).toContain(`--shard must be I/N with whole numbers 1 ≤ I ≤ N, such as 2/3 (the second of three shards), not "${shard}"`);
    }
  });
});
