import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Vitest's globalSetup: compiles src/ into dist/ and bundles it (as `npm run build` does) once, before any test file
 * runs, so that the tests that run the command line (bin/communique.js, which loads dist/) test the code as it is
 * now, as users run it, never a stale build.
 */
export default function compile(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const steps: Array<readonly [string, readonly string[]]> = [
    ['tsc -p tsconfig.json', [tsc, '-p', ROOT]],
    ['node scripts/bundle.mjs', [`${ROOT}scripts/bundle.mjs`]],
  ];
  for (const [name, args] of steps) {
    const run = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`${name} failed, so the command-line tests would run a stale dist/:\n${run.stdout}${run.stderr}`);
  }
}
