import type { NumberedPage } from '../render/render-review.js';
import type { PdfMetadata } from './finish-pdf.js';

/** A page to print: its path below the output root, its HTML and the metadata of its PDF. */
export interface PageToPrint {
  readonly path: string;
  readonly html: string;
  readonly metadata: PdfMetadata;
  /** A page whose table of contents gives page numbers: printed from this (not `html`) until the numbers hold. */
  readonly numbered?: NumberedPage;
}
