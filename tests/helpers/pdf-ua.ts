import { execFileSync } from 'node:child_process';
import { instructions } from '../../src/pdf/content-stream.js';

// Reads a PDF with qpdf (its JSON: every object, streams decoded) and lists what breaks PDF/UA-1's machine-checkable
// conditions. Written apart from src/pdf/pdf-ua.ts, from the standards: only the tokenizer is shared (it has its
// own tests on crafted streams).

/** A value of qpdf's JSON: "/Name", "u:text", "b:hex", "12 0 R", numbers, booleans, arrays and dictionaries. */
type Value = unknown;
type Dict = Record<string, Value>;
interface QpdfObject {
  readonly value?: Value;
  readonly stream?: { readonly dict: Dict; readonly data?: string };
}

/** The standard structure types of PDF 1.7 (ISO 32000-1, 14.8.4). */
const STANDARD = new Set(
  'Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form'.split(' '),
);
/** Operators that show text or construct, clip or paint a path (ISO 32000-1, tables 51, 59, 60, 107), and XObjects, shadings, inline images. */
const DRAWING = new Set(["Tj", "TJ", "'", '"', 'm', 'l', 'c', 'v', 'y', 'h', 're', 'S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'n', 'W', 'W*', 'Do', 'sh', 'BI']);

/** What the reading found: the problems, and a few facts for tests to check. */
export interface PdfUaReport {
  readonly problems: string[];
  /** Structure types used, with the type each maps to (itself when standard). */
  readonly types: Map<string, string>;
  /** The Alt of each Figure. */
  readonly figureAlts: string[];
  /** The Scope of each TH cell ("Column", "Row", "Both"; "" when it has none), in the tree's order. */
  readonly scopes: string[];
  /** Number of /Artifact marked-content sequences in page content. */
  readonly artifacts: number;
  /** The XMP packet. */
  readonly xmp: string;
}

/** Reads `path` with qpdf and checks each condition. */
export function pdfUaReport(path: string): PdfUaReport {
  const json = execFileSync('qpdf', ['--json=2', '--json-key=qpdf', '--decode-level=generalized', '--json-stream-data=inline', path, '-'], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  const objects = (JSON.parse(json) as { qpdf: [unknown, Record<string, QpdfObject>] }).qpdf[1];
  const object = (value: Value): QpdfObject | undefined => (typeof value === 'string' && /^\d+ \d+ R$/.test(value) ? objects[`obj:${value}`] : undefined);
  /** A value, its reference followed (a stream gives its dictionary). */
  const get = (value: Value): Value => {
    const found = object(value);
    return found ? (found.value ?? found.stream?.dict) : value;
  };
  const dict = (value: Value): Dict | undefined => {
    const found = get(value);
    return found && typeof found === 'object' && !Array.isArray(found) ? (found as Dict) : undefined;
  };
  const array = (value: Value): Value[] => {
    const found = get(value);
    return Array.isArray(found) ? found : found === undefined ? [] : [found];
  };
  const text = (value: Value): string | undefined => {
    const found = get(value);
    if (typeof found !== 'string') return undefined;
    if (found.startsWith('u:')) return found.slice(2);
    if (found.startsWith('b:')) return Buffer.from(found.slice(2), 'hex').toString('latin1');
    return undefined;
  };
  const data = (value: Value): Buffer => Buffer.from(object(value)?.stream?.data ?? '', 'base64');

  const problems: string[] = [];
  const trailer = objects['trailer']!.value as Dict;
  const catalog = dict(trailer['/Root'])!;
  const info = dict(trailer['/Info']) ?? {};
  if (!text(catalog['/Lang'])) problems.push('the catalog has no /Lang');
  if (dict(catalog['/MarkInfo'])?.['/Marked'] !== true) problems.push('the catalog has no /MarkInfo << /Marked true >>');
  if (dict(catalog['/ViewerPreferences'])?.['/DisplayDocTitle'] !== true) problems.push('the catalog has no /ViewerPreferences << /DisplayDocTitle true >>');

  // Pages: the tab order, and drawing outside marked content.
  const pages: Dict[] = [];
  const collect = (node: Dict) => (node['/Type'] === '/Pages' ? array(node['/Kids']).forEach((kid) => collect(dict(kid)!)) : pages.push(node));
  collect(dict(catalog['/Pages'])!);
  let artifacts = 0;
  pages.forEach((page, i) => {
    if (page['/Tabs'] !== '/S') problems.push(`page ${i + 1} has no /Tabs /S`);
    const contents = page['/Contents'];
    const streams = Array.isArray(contents) ? contents : object(contents)?.stream ? [contents] : array(contents); // one stream, or an array of them
    const content = Buffer.concat(streams.flatMap((ref) => [data(ref), Buffer.from('\n')]));
    let depth = 0;
    const unmarked = new Map<string, number>();
    const ops = instructions(content);
    ops.forEach((op, j) => {
      if (op.operator === 'BMC' || op.operator === 'BDC') {
        depth++;
        if (depth === 1 && content.subarray(op.start, op.end).toString('latin1').startsWith('/Artifact')) artifacts++;
      } else if (op.operator === 'EMC') depth--;
      else if (depth === 0 && DRAWING.has(op.operator)) unmarked.set(op.operator, (unmarked.get(op.operator) ?? 0) + 1);
      if (depth < 0) problems.push(`page ${i + 1}: EMC without BMC/BDC at instruction ${j}`);
    });
    if (depth !== 0) problems.push(`page ${i + 1}: ${depth} marked-content sequences left open`);
    if (unmarked.size > 0) problems.push(`page ${i + 1}: operators outside marked content: ${[...unmarked].map(([op, n]) => `${op} ×${n}`).join(', ')}`);
  });

  // The structure tree: types, Figures, TH cells.
  const root = dict(catalog['/StructTreeRoot']);
  const types = new Map<string, string>();
  const figureAlts: string[] = [];
  const scopes: string[] = [];
  if (!root) problems.push('no structure tree');
  else {
    const roleMap = dict(root['/RoleMap']) ?? {};
    const walk = (node: Dict, seen: Set<Dict>) => {
      for (const kid of array(node['/K'])) {
        const element = dict(kid);
        if (!element || typeof element['/S'] !== 'string' || seen.has(element)) continue;
        seen.add(element);
        const type = (element['/S'] as string).slice(1);
        const role = STANDARD.has(type) ? type : typeof roleMap[`/${type}`] === 'string' ? (roleMap[`/${type}`] as string).slice(1) : undefined;
        if (role === undefined || !STANDARD.has(role)) problems.push(`structure type ${type} is neither standard in PDF 1.7 nor role-mapped to a standard type`);
        else types.set(type, role);
        if (role === 'Figure') {
          const alt = text(element['/Alt']);
          if (!alt) problems.push(`a Figure has no /Alt`);
          else figureAlts.push(alt);
        }
        if (role === 'TH') {
          const scope = array(element['/A']).map((a) => dict(a)).find((a) => a?.['/O'] === '/Table' && ['/Row', '/Column', '/Both'].includes(a['/Scope'] as string))?.['/Scope'] as string | undefined;
          if (!scope) problems.push('a TH has no /A << /O /Table /Scope … >>');
          scopes.push(scope?.slice(1) ?? '');
        }
        walk(element, seen);
      }
    };
    walk(root, new Set());
  }

  // XMP: PDF/UA identification, and the same title, author, subject, keywords and dates as the information dictionary.
  const xmp = catalog['/Metadata'] ? data(catalog['/Metadata']).toString('utf8') : '';
  if (!xmp) problems.push('the catalog has no /Metadata stream');
  else {
    const xpath = (expression: string) => execFileSync('xmllint', ['--xpath', `string(${expression})`, '-'], { input: xmp, encoding: 'utf8' }).trim();
    const field = (name: string) => `//*[local-name()='${name}']`;
    const pdfDate = (value: string | undefined) => value?.replace(/^D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z');
    const expected: Array<[string, string, string | undefined]> = [
      ['pdfuaid:part', field('part'), '1'],
      ['dc:title (x-default)', `${field('title')}//*[local-name()='li'][@xml:lang='x-default']`, text(info['/Title'])],
      ['dc:title (document language)', `${field('title')}//*[local-name()='li'][@xml:lang='${text(catalog['/Lang'])}']`, text(info['/Title'])],
      ['dc:creator', `${field('creator')}//*[local-name()='li']`, text(info['/Author'])],
      ['dc:description', `${field('description')}//*[local-name()='li'][@xml:lang='x-default']`, text(info['/Subject'])],
      ['pdf:Keywords', field('Keywords'), text(info['/Keywords'])],
      ['pdf:Producer', field('Producer'), text(info['/Producer'])],
      ['xmp:CreatorTool', field('CreatorTool'), text(info['/Creator'])],
      ['xmp:CreateDate', field('CreateDate'), pdfDate(text(info['/CreationDate']))],
      ['xmp:ModifyDate', field('ModifyDate'), pdfDate(text(info['/ModDate']))],
    ];
    for (const [name, expression, want] of expected) {
      const found = xpath(expression);
      if (!want || found !== want) problems.push(`XMP ${name} is "${found}", the information dictionary says "${want}"`);
    }
  }
  return { problems, types, figureAlts, scopes, artifacts, xmp };
}
