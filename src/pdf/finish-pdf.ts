
/** What finishPdf writes into a PDF's information dictionary. */
export interface PdfMetadata {
  readonly title: string;
  readonly author: string;
  readonly subject: string;
  readonly keywords: readonly string[];
  readonly lang: string;
  /** The date written as creation and modification date, so that builds are byte-identical. */
  readonly date: Date;
}

/** Sets the PDF's title, author, subject, keywords, language and fixed dates; shows the title in viewers. */
export async function finishPdf(bytes: Uint8Array, metadata: PdfMetadata): Promise<Uint8Array> {
  const lib = await import('pdf-lib'); // loaded only when printing
  const { PDFDocument, PDFName, PDFString } = lib;
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  renumberStructureIds(lib, pdf);
  pdf.setTitle(metadata.title, { showInWindowTitleBar: true });
  pdf.setAuthor(metadata.author);
  pdf.setSubject(metadata.subject);
  pdf.setKeywords([...metadata.keywords]);
  pdf.setCreator('communiqué');
  pdf.setProducer('communiqué (Chromium, pdf-lib)');
  pdf.setCreationDate(metadata.date);
  pdf.setModificationDate(metadata.date);
  if (!pdf.catalog.has(PDFName.of('Lang'))) pdf.catalog.set(PDFName.of('Lang'), PDFString.of(metadata.lang));
  return pdf.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
}

/**
 * Chromium names each tagged element after its DOM node ("node00004236"), a counter that depends on what the page
 * showed before: with a pool of reused pages, the same document would get other names from one build to the next.
 * Renames them node00000000, node00000001… in their original order, which keeps the ID tree sorted.
 */
function renumberStructureIds(lib: typeof import('pdf-lib'), pdf: import('pdf-lib').PDFDocument): void {
  const { PDFArray, PDFDict, PDFString } = lib;
  const isNodeId = (value: unknown): value is import('pdf-lib').PDFString => value instanceof PDFString && /^node\d+$/.test(value.asString());
  const found = new Set<string>();
  const walk = (object: unknown, apply: (value: import('pdf-lib').PDFString) => import('pdf-lib').PDFString | undefined) => {
    if (object instanceof PDFDict) {
      for (const [key, value] of object.entries()) {
        if (isNodeId(value)) {
          const next = apply(value);
          if (next) object.set(key, next);
        } else walk(value, apply);
      }
    } else if (object instanceof PDFArray) {
      for (let i = 0; i < object.size(); i++) {
        const value = object.get(i);
        if (isNodeId(value)) {
          const next = apply(value);
          if (next) object.set(i, next);
        } else walk(value, apply);
      }
    }
  };
  const objects = pdf.context.enumerateIndirectObjects().map(([, object]) => object);
  for (const object of objects) walk(object, (value) => (found.add(value.asString()), undefined));
  if (found.size === 0) return;
  const order = [...found].sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)));
  const names = new Map(order.map((id, i) => [id, `node${String(i).padStart(8, '0')}`]));
  for (const object of objects) walk(object, (value) => PDFString.of(names.get(value.asString())!));
}
