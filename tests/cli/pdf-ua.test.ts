import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyContent, demoDocuments, ROOT, runCli, tempDir } from '../helpers/cli.js';
import { pdfUaReport, type PdfUaReport } from '../helpers/pdf-ua.js';

/** Every PDF below `dir`, by path relative to it. */
async function pdfsIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return entries.filter((entry) => entry.endsWith('.pdf') && !entry.startsWith('.communique')).sort();
}

/** Builds a content folder into a fresh output folder; gives the folder. */
async function build(content: string): Promise<string> {
  const out = await tempDir();
  const run = await runCli(['build', '--content', content, '--out', out]);
  expect(run.code, run.stderr).toBe(0);
  return out;
}

// Every kind of PDF the tool writes: a release other than the demo (the Government's, 13 November 2023), the demo's
// release and its review (charts, tables), a collection's sheets, a draft release with its watermark, and an
// approval packet. Each is read with qpdf and checked against PDF/UA-1's machine-checkable conditions.
describe('the PDFs, against PDF/UA-1’s machine-checkable conditions', () => {
  const reports = new Map<string, PdfUaReport>();

  beforeAll(async () => {
    const territoires = await build(await copyContent(join(ROOT, 'tests', 'fixtures', 'editorial', 'base-183-territoires')));
    const demo = await build(await demoDocuments());
    const sheets = await build(join(ROOT, 'tests', 'fixtures', 'collection'));
    const draft = await copyContent(join(ROOT, 'tests', 'fixtures', 'minimal'));
    const drafts = await build(draft);
    const packet = await runCli(['packet', 'cabinet_ferracci', '--content', draft, '--out', drafts]);
    expect(packet.code, packet.stderr).toBe(0);
    for (const [name, dir] of [['183-territoires', territoires], ['demo', demo], ['collection', sheets], ['minimal', drafts]] as const) {
      for (const pdf of await pdfsIn(dir)) reports.set(`${name}/${relative(dir, join(dir, pdf))}`, pdfUaReport(join(dir, pdf)));
    }
  }, 240_000);

  it('should have read every kind of PDF: releases, reviews, sheets, a draft and a packet', () => {
    expect([...reports.keys()]).toEqual([
      '183-territoires/communiques/183-territoires-industrie/en.pdf',
      '183-territoires/communiques/183-territoires-industrie/fr.pdf',
      'demo/bilans/territoires-industrie/en.pdf',
      'demo/bilans/territoires-industrie/fr.pdf',
      'demo/communiques/183-territoires-industrie/en.pdf',
      'demo/communiques/183-territoires-industrie/fr.pdf',
      'demo/communiques/territoires-industrie-bilan/en.pdf',
      'demo/communiques/territoires-industrie-bilan/fr.pdf',
      'collection/fiches/usines/alpha/en.pdf',
      'collection/fiches/usines/alpha/fr.pdf',
      'collection/fiches/usines/beta/en.pdf',
      'collection/fiches/usines/beta/fr.pdf',
      'collection/fiches/usines/gamma/en.pdf',
      'collection/fiches/usines/gamma/fr.pdf',
      'minimal/approvals/cabinet_ferracci.pdf',
      'minimal/communiques/demo/en.pdf',
      'minimal/communiques/demo/fr.pdf',
    ]);
  });

  it('should leave no text or path operator outside marked content: the running footer, page numbers and watermark are artifacts', () => {
    for (const [name, report] of reports) {
      expect(report.problems.filter((p) => /marked|EMC/.test(p)), name).toEqual([]);
      expect(report.artifacts, name).toBeGreaterThan(0); // the footer at least
    }
  });

  it('should use only standard PDF 1.7 structure types, or map them: Strong to Span, Aside to Sect', () => {
    for (const [name, report] of reports) expect(report.problems.filter((p) => p.startsWith('structure type')), name).toEqual([]);
    const release = reports.get('183-territoires/communiques/183-territoires-industrie/fr.pdf')!;
    expect(release.types.get('Strong')).toBe('Span');
    expect(reports.get('demo/communiques/territoires-industrie-bilan/fr.pdf')!.types.get('Aside')).toBe('Sect');
  });

  it('should give every Figure an /Alt: the charts keep their caption, the figures around a quote or a chart become Divs', () => {
    for (const [name, report] of reports) expect(report.problems.filter((p) => p.includes('Figure')), name).toEqual([]);
    const review = reports.get('demo/bilans/territoires-industrie/fr.pdf')!;
    expect(review.figureAlts).toContainEqual(expect.stringMatching(/^Projets par axe du programme Part des projets relevant de chacun des quatre axes/));
    expect(reports.get('demo/communiques/territoires-industrie-bilan/fr.pdf')!.types.get('Div')).toBe('Div'); // the quotes' figures
  });

  it('should carry an XMP packet with pdfuaid:part 1 that repeats the title, author, subject, keywords and dates of the information dictionary', () => {
    for (const [name, report] of reports) expect(report.problems.filter((p) => /XMP|Metadata/.test(p)), name).toEqual([]);
    const xmp = reports.get('183-territoires/communiques/183-territoires-industrie/fr.pdf')!.xmp;
    expect(xmp).toContain('183 nouveaux territoires d’industrie');
    expect(xmp).toContain('2023-11-13');
  });

  it('should find no problem at all, /Lang, /MarkInfo, /DisplayDocTitle, /Tabs /S and the Scope of TH cells included', () => {
    for (const [name, report] of reports) expect(report.problems, name).toEqual([]);
    expect(reports.get('demo/bilans/territoires-industrie/fr.pdf')!.scopes).toContain('Row'); // the charts' tables: Chromium writes them
  });
});
