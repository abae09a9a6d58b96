/** The pdf-lib module, as its types describe it. */
export type PdfLib = typeof import('pdf-lib');

let loading: Promise<PdfLib> | undefined;

/**
 * pdf-lib, loaded on first use (only builds that finish or read PDFs need it), from its single-file ES build: one
 * module to compile instead of the ~170 CommonJS files of its main entry (with pako, its standard fonts and upng),
 * about a fifth of the CPU time to load. The same code, so the same PDF bytes. Named in full here, so that the bundle
 * (scripts/bundle.mjs) takes it in. Node versions that do not recognise the build's ES syntax in a package without
 * `"type": "module"` (Node 20 before 20.19) load the main entry instead.
 */
export function loadPdfLib(): Promise<PdfLib> {
  loading ??= (import('pdf-lib/dist/pdf-lib.esm.min.js' as string) as Promise<PdfLib>).catch(() => import('pdf-lib'));
  return loading;
}
