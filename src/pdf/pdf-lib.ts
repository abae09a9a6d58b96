/** The pdf-lib module, as its types describe it. */
export type PdfLib = typeof import('pdf-lib');

/**
 * pdf-lib's single-file ES build: one module to compile instead of the ~170 CommonJS files of its main entry (with
 * pako, its standard fonts and upng), about a fifth of the CPU time to load. The same code, so the same PDF bytes.
 */
const BUNDLE = 'pdf-lib/dist/pdf-lib.esm.min.js';

let loading: Promise<PdfLib> | undefined;

/**
 * pdf-lib, loaded on first use (only builds that finish or read PDFs need it). Node versions that do not recognise the
 * bundle's ES syntax in a package without `"type": "module"` (Node 20 before 20.19) load the main entry instead.
 */
export function loadPdfLib(): Promise<PdfLib> {
  loading ??= (import(BUNDLE) as Promise<PdfLib>).catch(() => import('pdf-lib'));
  return loading;
}
