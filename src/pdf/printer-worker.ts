// The printer's thread (see printer-thread.ts): starts the browser with the options of the first message, then answers
// the main thread's messages with the printer of createPrinter, over copies of the asset maps the main thread keeps.
import { parentPort } from 'node:worker_threads';
import type { Asset } from '../render/assets.js';
import { loadPdfLib } from './pdf-lib.js';
import { createPrinter, type Printer, type PrinterOptions } from './printer.js';
import { KEEP_CODE_CACHE } from '../core/code-cache.js';
import { toThreadError, type FromThread, type ToThread } from './printer-thread.js';

const port = parentPort!;
const post = (message: FromThread, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
const maps = new Map<number, Map<string, Asset>>();
const mapOf = (id: number) => {
  let map = maps.get(id);
  if (!map) maps.set(id, (map = new Map()));
  return map;
};

/** Answers a call with its bytes (moved, not copied), or with its error. */
const answer = (call: number, work: Promise<Uint8Array | undefined>) =>
  work.then(
    (bytes) => post({ op: 'done', call, ...(bytes ? { bytes } : {}) }, bytes && bytes.byteLength === bytes.buffer.byteLength ? [bytes.buffer as ArrayBuffer] : []),
    (error: unknown) => post({ op: 'failed', call, error: toThreadError(error) }),
  );

/** Answers the main thread's messages with the printer, once started (messages sent meanwhile wait their turn). */
function serve(started: Promise<Printer>): void {
  let printer: Printer | undefined;
  const waiting: ToThread[] = [];
  started.then(
    (ready) => {
      printer = ready;
      for (const message of waiting.splice(0)) handle(ready, message);
    },
    (error: unknown) => {
      post({ op: 'failed', error: toThreadError(error) });
      port.close();
    },
  );
  port.on('message', (message: ToThread) => {
    if (printer) handle(printer, message);
    else waiting.push(message);
  });
}

/** Does what a message asks of the printer. */
function handle(printer: Printer, message: ToThread): void {
  switch (message.op) {
    case 'sync': {
      const map = mapOf(message.map);
      for (const [path, asset] of message.set) map.set(path, asset);
      for (const path of message.deleted) map.delete(path);
      break;
    }
    case 'print':
      void answer(message.call, message.finish ? printer.printFinished(message.path, mapOf(message.map), message.finish) : printer.print(message.path, mapOf(message.map)));
      break;
    case 'screenshot':
      void answer(message.call, printer.screenshot(message.path, mapOf(message.map), message.size));
      break;
    case 'prepare':
      printer.prepare(mapOf(message.map), message.pages);
      break;
    case 'close':
      // The thread's work is done: its code cache (when it had none) holds all it compiled (see printer-thread.ts).
      void answer(message.call, printer.close().then(() => void (globalThis as Record<symbol, (() => void) | undefined>)[KEEP_CODE_CACHE]?.()));
      break;
  }
}

// The first message gives the browser's options.
port.once('message', (message: ToThread) => {
  if (message.op !== 'start') return;
  serve(createPrinter({ ...(message.options as PrinterOptions), onDenied: (url) => post({ op: 'denied', url }) }));
  void loadPdfLib().catch(() => undefined); // finishing the PDFs needs it: loaded while the browser starts
});
