import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { copyContent, pdfText, ROOT, tempDir } from '../helpers/cli.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/collection/', import.meta.url));

describe('communique build --watch', () => {
  it('should build, build again on each save (only what changed), report an error without stopping, and exit 0 on SIGINT', async () => {
    const content = await copyContent(FIXTURE);
    const out = await tempDir();
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'communique.js'), 'build', '--watch', '--content', content, '--out', out], { env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    const waiters: Array<{ pattern: RegExp; from: number; resolve: () => void }> = [];
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      for (const waiter of waiters.splice(0)) (waiter.pattern.test(stderr.slice(waiter.from)) ? waiter.resolve() : waiters.push(waiter));
    });
    const next = (pattern: RegExp) => {
      const from = stderr.length;
      return new Promise<void>((resolve) => waiters.push({ pattern, from, resolve }));
    };
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      await next(/Watching /);
      expect(stderr).toMatch(/built in \d+ ms: 20 files written, 0 unchanged, 6 PDFs printed/);

      const fr = join(content, 'collections', 'usines', 'fr.mdx');
      const text = await readFile(fr, 'utf8');
      let built = next(/built in \d+ ms: .*\n/);
      await writeFile(fr, text.replace('compte', 'réunit'));
      await built;
      expect(stderr).toMatch(/built in \d+ ms: \d+ files written, \d+ unchanged, 3 PDFs printed/);
      expect(pdfText(join(out, 'fiches', 'usines', 'gamma', 'fr.pdf'))).toContain('Gamma-sur-Mer réunit 300 emplois');

      const failed = next(/not built \(see above\)/);
      await writeFile(fr, text.replace('<Field name="part" />', '<Fild />'));
      await failed;
      expect(stderr).toMatch(/fr\.mdx\n\s*1:\d+-1:\d+\s+error\s+Unknown element <Fild>/);

      built = next(/built in \d+ ms: .*\n/);
      await writeFile(fr, text);
      await built;
      expect(pdfText(join(out, 'fiches', 'usines', 'gamma', 'fr.pdf'))).toContain('Gamma-sur-Mer compte 300 emplois');
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  });
});
