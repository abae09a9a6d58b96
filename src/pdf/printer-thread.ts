import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { codeCacheFile } from '../core/code-cache.js';
import { CommuniqueError } from '../core/errors.js';
import type { Asset } from '../render/assets.js';
import type { PdfMetadata } from './finish-pdf.js';
import { createPrinter, type AssetMap, type Printer, type PrinterOptions } from './printer.js';

// The browser is driven from a thread of its own. Each step of opening a page, loading its fonts or printing is a
// message to Chromium and an answer; on the main thread, the answers wait while a build renders and checks (long runs
// of synchronous work), so a browser started early was ready only once the checks were done. On its own thread it
// opens and prepares its pages meanwhile, and the DevTools traffic (JSON of every message, base64 of every PDF) no
// longer takes the main thread's time.

/** A message to the printer's thread. */
export type ToThread =
  | { readonly op: 'start'; readonly options: Omit<PrinterOptions, 'onDenied'> }
  | { readonly op: 'sync'; readonly map: number; readonly set: ReadonlyArray<readonly [string, Asset]>; readonly deleted: readonly string[] }
  | { readonly op: 'print'; readonly call: number; readonly map: number; readonly path: string; readonly finish?: PdfMetadata }
  | { readonly op: 'screenshot'; readonly call: number; readonly map: number; readonly path: string; readonly size: { readonly width: number; readonly height: number } }
  | { readonly op: 'prepare'; readonly map: number; readonly pages?: number }
  | { readonly op: 'close'; readonly call: number };

/** A message from the printer's thread. */
export type FromThread =
  | { readonly op: 'done'; readonly call: number; readonly bytes?: Uint8Array }
  | { readonly op: 'failed'; readonly call?: number; readonly error: ThreadError }
  | { readonly op: 'denied'; readonly url: string };

/** An error as it crosses between threads: a CommuniqueError keeps its name, hint and exit code. */
export interface ThreadError {
  readonly message: string;
  readonly name?: string;
  readonly hint?: string;
  readonly exitCode?: number;
}

/** What a thread sends of an error. */
export function toThreadError(error: unknown): ThreadError {
  if (error instanceof CommuniqueError) return { message: error.message, name: error.name, hint: error.hint, exitCode: error.exitCode };
  return { message: error instanceof Error ? error.message : String(error) };
}

/** The error a thread sent, as it was thrown there. */
function fromThreadError(error: ThreadError): Error {
  if (error.name !== undefined && error.hint !== undefined) return new CommuniqueError(error.name, error.message, error.hint, error.exitCode === undefined ? {} : { exitCode: error.exitCode });
  return new Error(error.message);
}

/**
 * How to start the printer's thread: in the bundle (dist/bundle), its script printer-worker.cjs run with its code
 * cache by the compiled printer-worker-loader.js (as bin/communique.js runs the command's); else printer-worker.js
 * among the compiled modules; undefined where there is none (the sources, run by the tests).
 */
function workerScript(): { readonly file: string; readonly options: WorkerOptions } | undefined {
  const here = import.meta.url;
  const options: WorkerOptions = { stdout: false, stderr: false };
  if (!here.endsWith('.cjs')) {
    const file = fileURLToPath(new URL('./printer-worker.js', here));
    return existsSync(file) ? { file, options } : undefined;
  }
  const script = fileURLToPath(new URL('./printer-worker.cjs', here));
  try {
    const { id } = JSON.parse(readFileSync(new URL('./bundled-from.json', here), 'utf8')) as { id: string };
    if (!vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER) throw new Error('no code cache for scripts that import');
    const workerData = { script, cache: codeCacheFile(fileURLToPath(new URL('../../', here)), id, 'printer'), prefix: `${id}-` };
    return { file: fileURLToPath(new URL('../pdf/printer-worker-loader.js', here)), options: { ...options, workerData } };
  } catch {
    return { file: script, options };
  }
}

/** A thread booted ahead (see bootPrinterThread), waiting for its browser's options. */
let spare: Worker | undefined;

/**
 * Boots a printer's thread now, without any browser, for the next startPrinter: a build whose PDFs may change calls it
 * before it knows whether one does, so that the thread is loaded when the browser is asked for. An unused thread
 * never keeps the process alive.
 */
export function bootPrinterThread(): void {
  const script = workerScript();
  if (spare || !script) return;
  spare = new Worker(script.file, script.options);
  spare.unref();
  spare.on('error', () => undefined); // a thread that fails to boot is only not used
  spare.on('exit', function forget(this: Worker) {
    if (spare === this) spare = undefined;
  });
}

/**
 * Starts a printer (see createPrinter) that drives its browser from a thread of its own, or on this thread where no
 * thread script is found. The threaded printer is handed over at once, while its browser starts: what it is asked
 * meanwhile (prepare, the first prints) waits in the thread, and a browser that cannot start fails every call with
 * createPrinter's error (BrowserLaunch).
 */
export function startPrinter(options: PrinterOptions): Promise<Printer> {
  const script = workerScript();
  if (!script) return createPrinter(options);
  const { onDenied, ...shared } = options;
  const worker = spare ?? new Worker(script.file, script.options);
  spare = undefined;
  worker.ref();
  worker.postMessage({ op: 'start', options: shared } satisfies ToThread);
  let calls = 0;
  const pending = new Map<number, { resolve(bytes: Uint8Array | undefined): void; reject(error: Error): void }>();
  /** What the thread holds of each asset map: an id, and each entry as last sent. */
  const maps = new WeakMap<AssetMap, { readonly id: number; readonly sent: Map<string, Asset> }>();
  let nextMap = 0;
  let gone: Error | undefined;

  const send = (message: ToThread) => worker.postMessage(message);
  /** The id of `assets` in the thread, after sending what changed in it since the last call (pages come and go). */
  const sync = (assets: AssetMap): number => {
    let known = maps.get(assets);
    if (!known) {
      known = { id: nextMap++, sent: new Map() };
      maps.set(assets, known);
    }
    const set: Array<readonly [string, Asset]> = [];
    for (const [path, asset] of assets) {
      if (known.sent.get(path) === asset) continue;
      known.sent.set(path, asset);
      set.push([path, asset]);
    }
    const deleted = [...known.sent.keys()].filter((path) => !assets.has(path));
    for (const path of deleted) known.sent.delete(path);
    if (set.length > 0 || deleted.length > 0) send({ op: 'sync', map: known.id, set, deleted });
    return known.id;
  };
  const call = (message: (call: number) => ToThread): Promise<Uint8Array | undefined> => {
    if (gone) return Promise.reject(gone);
    const id = calls++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      send(message(id));
    });
  };
  const fail = (error: Error) => {
    gone ??= error;
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };

  worker.on('message', (message: FromThread) => {
    if (message.op === 'denied') onDenied?.(message.url);
    else if (message.call === undefined) {
      fail(fromThreadError((message as { error: ThreadError }).error)); // the browser could not start
      void worker.terminate();
    } else {
      const waiting = pending.get(message.call);
      pending.delete(message.call);
      if (message.op === 'done') waiting?.resolve(message.bytes);
      else waiting?.reject(fromThreadError(message.error));
    }
  });
  worker.on('error', (error) => fail(new CommuniqueError('PrintFailed', `The printer's thread stopped: ${error.message}`, 'Try again; if it persists, run with --no-pdf.', { cause: error })));
  worker.on('exit', () => fail(new CommuniqueError('PrintFailed', 'The printer was closed.', 'Try again.')));
  return Promise.resolve({
    async print(path, assets) {
      const map = sync(assets);
      return (await call((id) => ({ op: 'print', call: id, map, path })))!;
    },
    async printFinished(path, assets, metadata) {
      const map = sync(assets);
      return (await call((id) => ({ op: 'print', call: id, map, path, finish: metadata })))!;
    },
    async screenshot(path, assets, size) {
      const map = sync(assets);
      return (await call((id) => ({ op: 'screenshot', call: id, map, path, size })))!;
    },
    prepare(assets, pages) {
      if (!gone) send({ op: 'prepare', map: sync(assets), ...(pages === undefined ? {} : { pages }) });
    },
    async close() {
      if (!gone) await call((id) => ({ op: 'close', call: id })).catch(() => undefined);
      await worker.terminate();
    },
  });
}
