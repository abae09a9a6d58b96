import { posix } from 'node:path';
import { PAGE_ORIGIN as PRINT_ORIGIN } from '../render/document-path.js';
import { loadPdfLib } from './pdf-lib.js';

/** Gives the new address of a link of a PDF, or undefined to keep it as it is. */
export type LinkRewrite = (uri: string) => string | undefined;

/**
 * The links of a page printed at `path` (below the output root), made relative to it: Chromium writes every link of
 * a page as an absolute address under the print origin ("https://communique.invalid/bilans/x/fr.html"), which opens
 * nothing once the PDF is written. A relative address ("../../bilans/x/fr.html") opens the built file beside the PDF,
 * wherever the output folder is moved (PDF 1.7, 12.6.4.7: a relative URI is resolved against the document's place).
 */
export function linksRelativeTo(path: string): LinkRewrite {
  return (uri) => {
    if (!uri.startsWith(PRINT_ORIGIN)) return undefined;
    const url = new URL(uri);
    const target = url.pathname.slice(1);
    const relative = posix.relative(posix.dirname(path), target) || posix.basename(target);
    return `${relative}${url.search}${url.hash}`;
  };
}

/**
 * Rewrites the address of every URI action of a loaded PDF (link annotations, and any other action) with `rewrite`;
 * returns how many changed. Addresses are written as PDF strings of 7-bit ASCII, as the format asks.
 */
export function rewriteLinks(lib: typeof import('pdf-lib'), pdf: import('pdf-lib').PDFDocument, rewrite: LinkRewrite): number {
  const { PDFDict, PDFName, PDFString, PDFHexString } = lib;
  const S = PDFName.of('S');
  const URI = PDFName.of('URI');
  const A = PDFName.of('A');
  let changed = 0;
  const visit = (action: import('pdf-lib').PDFDict) => {
    if (action.get(S) !== URI) return;
    const value = action.lookup(URI);
    if (!(value instanceof PDFString || value instanceof PDFHexString)) return;
    const uri = value instanceof PDFString ? value.asString() : value.decodeText();
    const next = rewrite(uri);
    if (next === undefined || next === uri) return;
    action.set(URI, PDFString.of(asciiUri(next)));
    changed++;
  };
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict)) continue;
    visit(object);
    const action = object.get(A);
    if (action instanceof PDFDict) visit(action);
  }
  return changed;
}

/**
 * Rewrites the links of a finished PDF (see rewriteLinks): the same bytes when no link changes, else the PDF saved
 * again as finishPdf saves it (deterministic: the same input gives the same bytes).
 */
export async function relinkPdf(bytes: Uint8Array, rewrite: LinkRewrite): Promise<Uint8Array> {
  if (!mayChange(bytes, rewrite)) return bytes;
  const lib = await loadPdfLib();
  const pdf = await lib.PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: lib.ParseSpeeds.Fastest });
  if (rewriteLinks(lib, pdf, rewrite) === 0) return bytes;
  return pdf.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false, objectsPerTick: Infinity });
}

/**
 * Whether a finished PDF may hold a link that `rewrite` changes. The PDFs finishPdf writes keep every object in the
 * open (no object streams): when each URI is a plain literal string that `rewrite` keeps, as the contacts' `mailto:`
 * and `tel:` links of a fact sheet are, the PDF is not parsed (about 20 ms a page saved on each of hundreds of sheets).
 */
function mayChange(bytes: Uint8Array, rewrite: LinkRewrite): boolean {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  if (/\/ObjStm\b/.test(text)) return true;
  for (const match of text.matchAll(/(?<!\/S\s*)\/URI\b\s*(\(([^()\\]*)\))?/g)) {
    if (match[2] === undefined || rewrite(match[2]) !== undefined) return true;
  }
  return false;
}

/** An address in 7-bit ASCII: characters beyond it percent-encoded as UTF-8. */
function asciiUri(uri: string): string {
  return uri.replace(/[^\x21-\x7e]+/g, (run) => encodeURIComponent(run));
}
