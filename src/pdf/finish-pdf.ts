
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
  const { PDFDocument, PDFName, PDFString } = await import('pdf-lib'); // loaded only when printing
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
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
