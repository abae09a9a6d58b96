// The entry of the printer's thread when the command runs bundled (see printer-thread.ts): runs the thread's script,
// dist/bundle/printer-worker.cjs, with its code cache, which printer-worker writes when its printer closes.
import { workerData } from 'node:worker_threads';
import { KEEP_CODE_CACHE, runScript } from '../core/code-cache.js';

const { script, cache, prefix } = workerData as { readonly script: string; readonly cache: string; readonly prefix: string };
const run = runScript(script, cache, prefix);
(globalThis as Record<symbol, unknown>)[KEEP_CODE_CACHE] = () => run.keep();
