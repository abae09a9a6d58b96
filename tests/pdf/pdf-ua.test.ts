import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument, PDFHexString, PDFName, type PDFDict, type PDFRef } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { finishPdf } from '../../src/pdf/finish-pdf.js';
import { tempDir } from '../helpers/cli.js';
import { pdfUaReport, type PdfUaReport } from '../helpers/pdf-ua.js';

const METADATA = {
  title: 'Essai : « tableaux » & <figures>',
  author: 'Préfecture de la Haute-Saône',
  subject: 'Un document fait à la main',
  keywords: ['essai', 'accessibilité numérique'],
  lang: 'fr',
  date: new Date('2023-11-13T09:30:00Z'),
};

/**
 * A tagged PDF made by hand, with what Chromium does not write but could: TH cells without Scope (in THead, opening
 * a TBody row, in the middle of a row), a leaf Figure with ActualText only, a Figure grouping a paragraph, PDF 2.0
 * and unknown structure types, unmarked text, and no /Tabs.
 */
async function craftedPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const page = pdf.addPage([200, 200]);
  page.drawText('Pied de page 1 / 1', { x: 10, y: 10, size: 8 }); // unmarked: an artifact
  const { context } = pdf;
  const element = (type: string, kids: Array<PDFRef | number>, extra: Record<string, unknown> = {}): PDFRef => {
    const ref = context.register(context.obj({ Type: 'StructElem', S: type, K: kids, ...extra }));
    for (const kid of kids) if (typeof kid !== 'number') (context.lookup(kid) as PDFDict).set(PDFName.of('P'), ref);
    return ref;
  };
  const th = () => element('TH', []);
  const head = element('THead', [element('TR', [th(), th()])]);
  const body = element('TBody', [element('TR', [th(), element('TD', [])]), element('TR', [element('TD', []), th()])]);
  const table = element('Table', [head, body]);
  const image = element('Figure', [], { ActualText: PDFHexString.fromText('Carte des 183 territoires') });
  const group = element('Figure', [element('P', []), element('Caption', [])]);
  const custom = element('Encart', [element('Em', []), element('Strong', [])]);
  const document = element('Document', [table, image, group, custom]);
  const root = context.register(context.obj({ Type: 'StructTreeRoot', K: document }));
  (context.lookup(document) as PDFDict).set(PDFName.of('P'), root);
  pdf.catalog.set(PDFName.of('StructTreeRoot'), root);
  return pdf.save();
}

describe('finishPdf on a hand-made tagged PDF', () => {
  let report: PdfUaReport;
  let finished: Uint8Array;

  beforeAll(async () => {
    const path = join(await tempDir(), 'crafted.pdf');
    finished = await finishPdf(await craftedPdf(), METADATA);
    await writeFile(path, finished);
    report = pdfUaReport(path);
  });

  it('should meet every condition: artifacts, role map, Alt, Scope, XMP, /Lang, /Tabs /S', () => {
    expect(report.problems).toEqual([]);
    expect(report.artifacts).toBe(1);
  });

  it('should give each TH a Scope: Column in THead, Row opening a row, Both elsewhere', () => {
    expect(report.scopes).toEqual(['Column', 'Column', 'Row', 'Both']);
  });

  it('should take a leaf Figure’s ActualText as its Alt, and turn a Figure that groups other elements into a Div', () => {
    expect(report.figureAlts).toEqual(['Carte des 183 territoires']);
    expect(report.types.get('Div')).toBe('Div');
  });

  it('should map PDF 2.0 types to their PDF 1.7 meaning and unknown ones to NonStruct', () => {
    expect(report.types.get('Em')).toBe('Span');
    expect(report.types.get('Strong')).toBe('Span');
    expect(report.types.get('Encart')).toBe('NonStruct');
  });

  it('should write the XMP from the information dictionary, escaped, with the document’s date, the same bytes every time', async () => {
    expect(report.xmp).toContain('<rdf:li xml:lang="fr">Essai : « tableaux » &#38; &#60;figures&#62;</rdf:li>');
    expect(report.xmp).toContain('<xmp:CreateDate>2023-11-13T09:30:00Z</xmp:CreateDate>');
    const again = await finishPdf(await craftedPdf(), METADATA);
    expect(Buffer.from(again).equals(Buffer.from(finished))).toBe(true);
  });
});
