import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import { GENERATIONS } from '../../src/output/staging.js';
import { ROOT, tempDir } from '../helpers/cli.js';

/** Kills: 200 in CI (the previous design showed about one broken output per 100), 60 locally. */
const KILLS = process.env['CI'] ? 200 : 60;
const FILES = [...Array.from({ length: 20 }, (_, i) => `communiques/demo/${i}.html`), 'assets/style.css', 'bilans/x/fr.html'];

/** A process that commits set after set into `out` as fast as it can: set k has every file holding "set k". */
function committer(out: string) {
  const staging = pathToFileURL(join(ROOT, 'dist', 'output', 'staging.js')).href;
  const script = `
    const { openStaging } = await import(${JSON.stringify(staging)});
    const files = ${JSON.stringify(FILES)};
    for (let k = Number(process.argv[1]); ; k++) {
      const staging = await openStaging(${JSON.stringify(out)});
      for (const file of files) await staging.write(file, 'set ' + k + ' ' + 'x'.repeat(20000));
      await staging.commit();
      process.stdout.write(k + '\\n');
    }`;
  return (start: number) => spawn(process.execPath, ['--input-type=module', '-e', script, String(start)], { stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The set number every file of the output holds, or a description of what is wrong. */
function setIn(out: string): number | string {
  const found: string[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const name of readdirSync(dir)) {
      if (prefix === '' && name === GENERATIONS) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path, `${prefix}${name}/`);
      else found.push(`${prefix}${name}`);
    }
  };
  walk(out, '');
  if (found.sort().join() !== [...FILES].sort().join()) return `files: ${found.length} (${found.filter((f) => !FILES.includes(f)).join(', ')}) instead of ${FILES.length}`;
  const sets = new Set(FILES.map((f) => /^set (\d+) x{20000}$/.exec(readFileSync(join(out, f), 'utf8'))?.[1] ?? 'truncated'));
  return sets.size === 1 && !sets.has('truncated') ? Number([...sets][0]) : `mixed or truncated sets: ${[...sets].join(', ')}`;
}

it(`should always leave a complete set when the committing process is killed with SIGKILL at any moment (${KILLS} kills)`, async () => {
  expect(existsSync(join(ROOT, 'dist', 'output', 'staging.js')), 'compile first: npx tsc -p .').toBe(true);
  const out = await tempDir();
  const start = committer(out);
  // A first complete set.
  await new Promise<void>((resolve) => {
    const child = start(0);
    child.stdout.once('data', () => {
      child.kill('SIGKILL');
      resolve();
    });
  });
  let last = setIn(out);
  expect(typeof last).toBe('number');
  const violations: string[] = [];
  let advanced = 0;
  for (let i = 0; i < KILLS; i++) {
    const child = start((last as number) + 1);
    // Once a first set is in, kill at a random moment of the sets that follow (a commit takes a few milliseconds).
    await new Promise((resolve) => child.stdout.once('data', resolve));
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 40));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const now = setIn(out);
    if (typeof now !== 'number') violations.push(`kill ${i}: ${now}`);
    else if (now < (last as number)) violations.push(`kill ${i}: went back from set ${String(last)} to set ${now}`);
    else {
      if (now > (last as number)) advanced++;
      last = now;
    }
  }
  console.log(`staging under SIGKILL: ${KILLS} kills, ${violations.length} incomplete or mixed outputs, the set advanced ${advanced} times (last set ${String(last)})`);
  expect(violations).toEqual([]);
  expect(advanced).toBe(KILLS); // each run swapped in at least one set before its kill
}, 300_000);
