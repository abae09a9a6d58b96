import { loadPdfLib } from './pdf-lib.js';
import { rewriteLinks, type LinkRewrite } from './pdf-links.js';
import { makeAccessible } from './pdf-ua.js';

/** What finishPdf writes into a PDF's information dictionary. */
export interface PdfMetadata {
  readonly title: string;
  readonly author: string;
  readonly subject: string;
  readonly keywords: readonly string[];
  readonly lang: string;
  /** The date written as creation date (and modification date, unless `modified`), so that builds are byte-identical. */
  readonly date: Date;
  /** The modification date, when the document was corrected after its publication (default: `date`). */
  readonly modified?: Date;
}

/**
 * Sets the PDF's title, author, subject, keywords, language and fixed dates; shows the title in viewers; rewrites its
 * links with `links` (see linksRelativeTo; default: links kept as printed).
 */
export async function finishPdf(bytes: Uint8Array, metadata: PdfMetadata, links?: LinkRewrite): Promise<Uint8Array> {
  const lib = await loadPdfLib(); // loaded only when printing
  const { PDFDocument, PDFName, PDFString, ParseSpeeds } = lib;
  // Parsed and written in one go: pdf-lib's defaults pause for a timer every 100 objects read and every 50 written,
  // which made a one-page PDF wait about four times longer than its work takes.
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  renumberStructureIds(lib, pdf);
  if (links) rewriteLinks(lib, pdf, links);
  pdf.setTitle(metadata.title, { showInWindowTitleBar: true });
  pdf.setAuthor(metadata.author);
  pdf.setSubject(metadata.subject);
  // pdf-lib joins the keywords with spaces, which splits multi-word keywords: join them with commas first.
  pdf.setKeywords([metadata.keywords.join(', ')]);
  pdf.setCreator('communiqué');
  pdf.setProducer('communiqué (Chromium, pdf-lib)');
  pdf.setCreationDate(metadata.date);
  pdf.setModificationDate(metadata.modified ?? metadata.date);
  if (!pdf.catalog.has(PDFName.of('Lang'))) pdf.catalog.set(PDFName.of('Lang'), PDFString.of(metadata.lang));
  makeAccessible(lib, pdf, metadata.lang); // PDF/UA-1: artifacts, role map, XMP (from the information set above)
  return pdf.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false, objectsPerTick: Infinity });
}

/**
 * Chromium names each tagged element after its DOM node ("node00004236"), a counter that depends on what the page
 * showed before: with a pool of reused pages, the same document would get other names from one build to the next.
 * Renames them node00000000, node00000001… in their original order, which keeps the ID tree sorted.
 */
function renumberStructureIds(lib: typeof import('pdf-lib'), pdf: import('pdf-lib').PDFDocument): void {
  const { PDFArray, PDFDict, PDFString } = lib;
  type Value = import('pdf-lib').PDFObject;
  // One walk finds every id and where it is written; the renaming then sets those places only.
  const ids: string[] = [];
  const places: Array<{ readonly id: string; readonly set: (value: import('pdf-lib').PDFString) => void }> = [];
  const idOf = (value: Value): string | undefined => {
    if (!(value instanceof PDFString)) return undefined;
    const text = value.asString();
    return /^node\d+$/.test(text) ? text : undefined;
  };
  const walk = (object: Value) => {
    if (object instanceof PDFDict) {
      for (const [key, value] of object.entries()) {
        const id = idOf(value);
        if (id === undefined) walk(value);
        else {
          ids.push(id);
          places.push({ id, set: (next) => object.set(key, next) });
        }
      }
    } else if (object instanceof PDFArray) {
      const values = object.asArray();
      for (let i = 0; i < values.length; i++) {
        const id = idOf(values[i]!);
        if (id === undefined) walk(values[i]!);
        else {
          ids.push(id);
          places.push({ id, set: (next) => object.set(i, next) });
        }
      }
    }
  };
  for (const [, object] of pdf.context.enumerateIndirectObjects()) walk(object);
  if (places.length === 0) return;
  const order = [...new Set(ids)].sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)));
  const names = new Map(order.map((id, i) => [id, PDFString.of(`node${String(i).padStart(8, '0')}`)]));
  for (const place of places) place.set(names.get(place.id)!);
}
