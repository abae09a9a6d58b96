import { inflateSync } from 'node:zlib';
import { markArtifacts } from './artifacts.js';

// What Chromium's tagged PDFs lack for PDF/UA-1 (ISO 14289-1), the accessibility standard that RGAA 13.3 holds
// French public bodies' documents to, as far as a machine can check it: content outside the structure not marked
// as artifact, structure types of PDF 2.0 in a PDF 1.7 file, Figures without an alternative, no XMP metadata.

type Lib = typeof import('pdf-lib');
type PDFDocument = import('pdf-lib').PDFDocument;
type PDFDict = import('pdf-lib').PDFDict;

/** The standard structure types of PDF 1.7 (ISO 32000-1, 14.8.4). */
export const STANDARD_TYPES = new Set([
  'Document', 'Part', 'Art', 'Sect', 'Div', 'BlockQuote', 'Caption', 'TOC', 'TOCI', 'Index', 'NonStruct', 'Private',
  'P', 'H', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'L', 'LI', 'Lbl', 'LBody',
  'Table', 'TR', 'TH', 'TD', 'THead', 'TBody', 'TFoot',
  'Span', 'Quote', 'Note', 'Reference', 'BibEntry', 'Code', 'Link', 'Annot', 'Ruby', 'RB', 'RT', 'RP', 'Warichu', 'WT', 'WP',
  'Figure', 'Formula', 'Form',
]);

/**
 * The PDF 1.7 type that each PDF 2.0 type Chromium may write stands for (ISO 32000-2, 14.8.4). Strong, Em and Sub
 * are inline runs of text: Span. Aside (Chromium's <aside>, e.g. the key figures with their own heading) is a
 * self-contained section of the document: Sect, not Note, which PDF 1.7 keeps for footnotes and endnotes referred to
 * from the text (and PDF/UA-1 wants an ID on each). Any other unknown type becomes NonStruct, a grouping without meaning.
 */
const ROLES: Readonly<Record<string, string>> = {
  Strong: 'Span', Em: 'Span', Sub: 'Span', Aside: 'Sect', Title: 'P', FENote: 'Note', DocumentFragment: 'Div', Artifact: 'NonStruct',
};

/**
 * Completes a tagged PDF for PDF/UA-1's machine-checkable conditions: drawing outside marked content becomes
 * `/Artifact`; a `/RoleMap` maps every non-standard structure type; a Figure that groups other elements (an HTML
 * <figure> around a quote or a chart) becomes a Div, so that its parts stay readable rather than replaced by an
 * alternative text; each TH has a Scope; each page has `/Tabs /S`; the catalog has `/MarkInfo`, `/DisplayDocTitle`
 * and an XMP metadata stream (`pdfuaid:part` 1) that repeats the information dictionary (to be set before).
 */
export function makeAccessible(lib: Lib, pdf: PDFDocument, lang: string): void {
  const { PDFName, PDFBool, PDFDict } = lib;
  for (const page of pdf.getPages()) {
    markPageArtifacts(lib, pdf, page.node);
    page.node.set(PDFName.of('Tabs'), PDFName.of('S'));
  }
  completeStructure(lib, pdf);
  const catalog = pdf.catalog;
  const markInfo = catalog.lookupMaybe(PDFName.of('MarkInfo'), PDFDict);
  if (markInfo) markInfo.set(PDFName.of('Marked'), PDFBool.True);
  else catalog.set(PDFName.of('MarkInfo'), pdf.context.obj({ Marked: true }));
  catalog.getOrCreateViewerPreferences().setDisplayDocTitle(true);
  const xmp = new TextEncoder().encode(xmpPacket(pdf, lang));
  catalog.set(PDFName.of('Metadata'), pdf.context.register(pdf.context.stream(xmp, { Type: 'Metadata', Subtype: 'XML' })));
}

/** Wraps the page's unmarked drawing in `/Artifact` marked content, rewriting its content stream(s) as one. */
function markPageArtifacts(lib: Lib, pdf: PDFDocument, page: import('pdf-lib').PDFPageLeaf): void {
  const { PDFArray, PDFName, PDFRawStream, PDFRef, decodePDFRawStream } = lib;
  const contents = page.get(PDFName.of('Contents'));
  const refs = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
  if (!refs.every((ref) => ref instanceof PDFRef)) return;
  const parts: Uint8Array[] = [];
  for (const ref of refs) {
    const stream = pdf.context.lookup(ref);
    if (!(stream instanceof PDFRawStream)) return; // pdf-lib's own content streams: none in a printed PDF
    const filter = stream.dict.get(PDFName.of('Filter'));
    const flate = filter === PDFName.of('FlateDecode') && !stream.dict.has(PDFName.of('DecodeParms'));
    // zlib inflates in a fraction of the time of pdf-lib's decoder, which handles every other filter.
    parts.push(filter === undefined ? stream.contents : flate ? inflateSync(stream.contents) : decodePDFRawStream(stream).decode());
  }
  const content = parts.length === 1 ? parts[0]! : Buffer.concat(parts.flatMap((part) => [part, Buffer.from('\n')]));
  const marked = markArtifacts(content);
  if (!marked) return;
  // One stream in place of the first (the others deleted, so that no orphan is written). pdf-lib compresses with
  // pako, which gives the reference zlib's bytes on every machine, as Chromium's own streams have; Node's zlib
  // (Chromium's fork) finds other matches, with a hash that depends on how it was built.
  const [first, ...rest] = refs as import('pdf-lib').PDFRef[];
  pdf.context.assign(first!, pdf.context.flateStream(marked));
  for (const ref of rest) pdf.context.delete(ref);
  page.set(PDFName.of('Contents'), first!);
}

/**
 * Walks the structure tree: role-maps non-standard types, turns grouping Figures into Divs, copies a leaf Figure's
 * ActualText to its Alt, gives each TH a Scope.
 */
function completeStructure(lib: Lib, pdf: PDFDocument): void {
  const { PDFArray, PDFDict, PDFName, PDFRef } = lib;
  const root = pdf.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  if (!root) return;
  const S = PDFName.of('S');
  const Alt = PDFName.of('Alt');
  const typeOf = (element: PDFDict) => {
    const type = element.get(S);
    return type instanceof PDFName ? type.decodeText() : undefined;
  };
  const kidsOf = (node: PDFDict): PDFDict[] => {
    const k = node.get(PDFName.of('K'));
    const kids = k instanceof PDFArray ? k.asArray() : k ? [k] : [];
    return kids.map((kid) => (kid instanceof PDFRef ? pdf.context.lookup(kid) : kid)).filter((kid): kid is PDFDict => kid instanceof PDFDict && kid.has(S));
  };
  const types = new Set<string>();
  const seen = new Set<PDFDict>();
  const walk = (node: PDFDict) => {
    for (const element of kidsOf(node)) {
      if (seen.has(element)) continue; // a malformed tree could loop
      seen.add(element);
      const kids = kidsOf(element);
      let type = typeOf(element);
      if (type === 'Figure' && !element.has(Alt)) {
        const actualText = element.get(PDFName.of('ActualText'));
        if (kids.length > 0) {
          element.set(S, PDFName.of('Div'));
          type = 'Div';
        } else if (actualText) element.set(Alt, actualText); // an image's text alternative, written as ActualText
      }
      if (type === 'Table') {
        const rows = kids.flatMap((kid) => (['THead', 'TBody', 'TFoot'].includes(typeOf(kid) ?? '') ? kidsOf(kid) : [kid])).filter((row) => typeOf(row) === 'TR');
        scopeHeaders(lib, element, rows, kidsOf, typeOf);
      }
      if (type) types.add(type);
      walk(element);
    }
  };
  walk(root);
  const roleMap = root.lookupMaybe(PDFName.of('RoleMap'), PDFDict) ?? pdf.context.obj({});
  for (const type of [...types].sort()) {
    if (STANDARD_TYPES.has(type) || roleMap.has(PDFName.of(type))) continue;
    roleMap.set(PDFName.of(type), PDFName.of(ROLES[type] ?? 'NonStruct'));
  }
  if (roleMap.keys().length > 0) root.set(PDFName.of('RoleMap'), roleMap);
}

/**
 * Gives a Scope to each TH of a table that has none (Chromium writes it from the HTML's scope or its own guess):
 * Column in the table's first row or in THead, Row when it opens a row, Both otherwise.
 */
function scopeHeaders(lib: Lib, table: PDFDict, rows: PDFDict[], kidsOf: (node: PDFDict) => PDFDict[], typeOf: (element: PDFDict) => string | undefined): void {
  const { PDFArray, PDFDict, PDFName } = lib;
  const O = PDFName.of('O');
  const Scope = PDFName.of('Scope');
  const head = new Set(kidsOf(table).filter((kid) => typeOf(kid) === 'THead').flatMap((kid) => kidsOf(kid)));
  rows.forEach((row, r) => {
    kidsOf(row).forEach((cell, c) => {
      if (typeOf(cell) !== 'TH') return;
      const attributes = cell.lookup(PDFName.of('A'));
      const owned = (attributes instanceof PDFArray ? attributes.asArray().map((a) => cell.context.lookup(a)) : [attributes]).filter((a): a is PDFDict => a instanceof PDFDict && a.get(O) === PDFName.of('Table'));
      if (owned.some((a) => a.has(Scope))) return;
      const scope = PDFName.of(r === 0 || head.has(row) ? 'Column' : c === 0 ? 'Row' : 'Both');
      if (owned[0]) owned[0].set(Scope, scope);
      else {
        const added = cell.context.obj({ O: 'Table', Scope: scope });
        if (attributes instanceof PDFArray) attributes.push(added);
        else cell.set(PDFName.of('A'), attributes instanceof PDFDict ? cell.context.obj([attributes, added]) : added);
      }
    });
  });
}

/** The XMP packet: PDF/UA-1 identification and the information dictionary's title, author, subject, keywords and dates. */
function xmpPacket(pdf: PDFDocument, lang: string): string {
  const title = pdf.getTitle() ?? '';
  const author = pdf.getAuthor();
  const subject = pdf.getSubject();
  const keywords = pdf.getKeywords();
  const creator = pdf.getCreator();
  const producer = pdf.getProducer();
  const created = pdf.getCreationDate();
  const modified = pdf.getModificationDate();
  const alt = (text: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${xml(text)}</rdf:li><rdf:li xml:lang="${xml(lang)}">${xml(text)}</rdf:li></rdf:Alt>`;
  const date = (value: Date) => value.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const lines = [
    '<pdfuaid:part>1</pdfuaid:part>',
    '<dc:format>application/pdf</dc:format>',
    `<dc:title>${alt(title)}</dc:title>`,
    author === undefined ? '' : `<dc:creator><rdf:Seq><rdf:li>${xml(author)}</rdf:li></rdf:Seq></dc:creator>`,
    subject === undefined ? '' : `<dc:description>${alt(subject)}</dc:description>`,
    `<dc:language><rdf:Bag><rdf:li>${xml(lang)}</rdf:li></rdf:Bag></dc:language>`,
    keywords === undefined ? '' : `<pdf:Keywords>${xml(keywords)}</pdf:Keywords>`,
    producer === undefined ? '' : `<pdf:Producer>${xml(producer)}</pdf:Producer>`,
    creator === undefined ? '' : `<xmp:CreatorTool>${xml(creator)}</xmp:CreatorTool>`,
    created === undefined ? '' : `<xmp:CreateDate>${date(created)}</xmp:CreateDate>`,
    modified === undefined ? '' : `<xmp:ModifyDate>${date(modified)}</xmp:ModifyDate>`,
    modified === undefined ? '' : `<xmp:MetadataDate>${date(modified)}</xmp:MetadataDate>`,
  ].filter(Boolean);
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">',
    ...lines,
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n');
}

/** The characters XML 1.0 forbids: the C0 controls other than tab, line feed and carriage return, U+FFFE and U+FFFF. */
const FORBIDDEN_IN_XML = new RegExp('[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF]', 'g');

/** Text escaped for XML content and attributes; characters XML 1.0 forbids are dropped. */
function xml(text: string): string {
  return text.replace(FORBIDDEN_IN_XML, '').replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
