import type { PDFArray, PDFDict, PDFDocument, PDFObject } from 'pdf-lib';
import { loadPdfLib } from './pdf-lib.js';

type PdfLib = typeof import('pdf-lib');

/**
 * The page (1-based) of each named destination of a PDF: the catalog's /Dests dictionary (what Chromium writes for
 * the targets of links inside the page, e.g. the headings a table of contents links to) and the /Names → /Dests
 * name tree of other writers.
 */
export async function readDestinations(bytes: Uint8Array): Promise<Map<string, number>> {
  const lib = await loadPdfLib(); // loaded only when a PDF is read
  const { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFString, PDFHexString, ParseSpeeds } = lib;
  // Parsed in one go: pdf-lib's default pauses for a timer every 100 objects, which makes a PDF wait far longer than it parses.
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  const pages = new Map(pdf.getPages().map((page, i) => [page.ref.toString(), i + 1]));
  const found = new Map<string, number>();
  const add = (name: string, destination: PDFObject | undefined) => {
    const target = destinationArray(lib, pdf, destination)?.get(0);
    const page = target instanceof PDFRef ? pages.get(target.toString()) : undefined;
    if (page !== undefined && !found.has(name)) found.set(name, page);
  };

  const dests = pdf.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  for (const [key, value] of dests?.entries() ?? []) add(key.decodeText(), value);

  const tree = pdf.catalog.lookupMaybe(PDFName.of('Names'), PDFDict)?.lookupMaybe(PDFName.of('Dests'), PDFDict);
  const walk = (node: PDFDict, depth: number) => {
    if (depth > 32) return;
    const names = node.lookupMaybe(PDFName.of('Names'), PDFArray);
    for (let i = 0; names && i + 1 < names.size(); i += 2) {
      const key = names.lookup(i);
      if (key instanceof PDFString || key instanceof PDFHexString) add(key.decodeText(), names.get(i + 1));
    }
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
    for (let i = 0; kids && i < kids.size(); i++) {
      const kid = kids.lookup(i);
      if (kid instanceof PDFDict) walk(kid, depth + 1);
    }
  };
  if (tree) walk(tree, 0);
  return found;
}

/** A destination as an array [page /XYZ …], whether written directly, by reference, or as a dictionary with /D. */
function destinationArray(lib: PdfLib, pdf: PDFDocument, destination: PDFObject | undefined): PDFArray | undefined {
  const { PDFArray, PDFDict, PDFName, PDFRef } = lib;
  const value = destination instanceof PDFRef ? pdf.context.lookup(destination) : destination;
  if (value instanceof PDFArray) return value;
  if (value instanceof PDFDict) return value.lookupMaybe(PDFName.of('D'), PDFArray);
  return undefined;
}
