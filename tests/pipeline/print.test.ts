import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { jsonReport } from '../../src/check/json-report.js';
import { check } from '../../src/pipeline/build.js';
import { pageToPrint, pdfMetadata } from '../../src/pipeline/print.js';
import { renderProject } from '../../src/pipeline/render-project.js';
import { recordTranslation } from '../../src/pipeline/record-translation.js';
import { tempDir } from '../helpers/cli.js';

const BASE = fileURLToPath(new URL('../fixtures/editorial/base-183-territoires/', import.meta.url));
const REVIEW = fileURLToPath(new URL('../fixtures/review/', import.meta.url));
const RELEASE = 'releases/183-territoires-industrie';

describe('pdfMetadata', () => {
  it("should give a release's PDF its page's title, issuers, description and keywords, its language and its date at noon UTC", async () => {
    const rendered = await renderProject({ content: BASE });
    const fr = rendered.documents.withoutSheets.find((d) => d.lang === 'fr' && d.document.kind === 'release')!;
    const metadata = pdfMetadata(fr);
    expect(metadata).toMatchObject({ title: fr.page.title, author: fr.page.author, subject: fr.page.subject, keywords: fr.page.keywords, lang: 'fr' });
    expect(metadata.author).toContain('Gouvernement');
    if (process.env['SOURCE_DATE_EPOCH'] === undefined) expect(metadata.date.toISOString()).toBe(`${fr.document.settings.date}T12:00:00.000Z`);
    // A release has no numbered table of contents: its page is printed as it is.
    expect(pageToPrint(fr)).toEqual({ path: fr.path, html: fr.page.html, metadata });
  });

  it("should print a review from its page with a numbered table of contents", async () => {
    const rendered = await renderProject({ content: REVIEW });
    const review = rendered.documents.withoutSheets.find((d) => d.document.kind === 'review')!;
    const page = pageToPrint(review);
    expect(page.numbered?.anchors.length).toBeGreaterThan(0);
    expect(page.metadata).toEqual(pdfMetadata(review));
  });
});

describe('check --format json', () => {
  it("should give each message the address of its rule's section of the README", async () => {
    const root = await tempDir('communique-json-');
    await cp(BASE, root, { recursive: true });
    await recordTranslation(join(root, RELEASE), 'en');
    const fr = join(root, RELEASE, 'fr.mdx');
    // A figure of the data typed by hand: an unbound-figure warning.
    await writeFile(fr, (await readFile(fr, 'utf8')).replace('qui réunissait <Indicator id="ti_territoires_temps_1" /> territoires', 'qui réunissait 149 territoires'));
    const { files, outside } = await check({ content: root });
    const messages = jsonReport(files, outside).filter((m) => m.ruleId === 'unbound-figure');
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) expect(message.url).toMatch(/^file:\/\/.*\/README\.md#unbound-figure-warning$/);
  });
});
