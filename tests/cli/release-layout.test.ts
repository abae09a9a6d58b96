import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyContent, pdfInfo, pdfText, ROOT, runCli, tempDir } from '../helpers/cli.js';

/** A release written for something else than the demo: the Government's, 13 November 2023, two ministers. */
const BASE = join(ROOT, 'tests', 'fixtures', 'editorial', 'base-183-territoires');
const RELEASE = join('releases', '183-territoires-industrie');

/** Edits a file of a content copy: replaces the one occurrence of `find`. */
async function edit(content: string, file: string, find: string, replace: string): Promise<void> {
  const path = join(content, file);
  const text = await readFile(path, 'utf8');
  expect(text.split(find).length - 1, `${file}: ${find}`).toBe(1);
  await writeFile(path, text.replace(find, replace));
}

/** Builds a content folder; gives the folder of the release's files. */
async function build(content: string): Promise<string> {
  const out = await tempDir();
  const run = await runCli(['build', '--content', content, '--out', out]);
  expect(run.code, run.stderr).toBe(0);
  return join(out, 'communiques', '183-territoires-industrie');
}

describe('the layout of a release on content other than the demo', () => {
  let built: string;
  beforeAll(async () => {
    built = await build(await copyContent(BASE));
  });

  it('should not repeat "Gouvernement" beside a bloc-marque that says it, while still naming the issuer to screen readers', async () => {
    const first = pdfText(join(built, 'fr.pdf'), 1);
    expect(first).toContain('GOUVERNEMENT'); // the bloc-marque, in capitals
    expect(first).not.toMatch(/\bGouvernement\b/);
    const html = await readFile(join(built, 'fr.html'), 'utf8');
    expect(html).toContain('<span class="masthead__issuer visually-hidden">Gouvernement</span>');
  });

  it('should separate the PDF keywords with commas, keeping multi-word keywords whole', () => {
    expect(pdfInfo(join(built, 'fr.pdf'))['Keywords']).toBe('Territoires d’industrie, réindustrialisation, industrie verte, cohésion des territoires');
    expect(pdfInfo(join(built, 'en.pdf'))['Keywords']).toBe('Territoires d’industrie, reindustrialisation, green industry, territorial cohesion');
  });

  it('should title the contacts "Contacts presse" for two and "Contact presse" for one', async () => {
    expect(pdfText(join(built, 'fr.pdf'))).toContain('Contacts presse');
    expect(pdfText(join(built, 'en.pdf'))).toContain('Press contacts');
    const content = await copyContent(BASE);
    await edit(content, join(RELEASE, 'release.yaml'), 'contacts: [cabinet_lescure, cabinet_bechu]', 'contacts: [cabinet_lescure]');
    const one = await build(content);
    expect(pdfText(join(one, 'fr.pdf'))).toMatch(/Contact presse Cabinet de Roland Lescure/);
    expect(pdfText(join(one, 'en.pdf'))).toMatch(/Press contact Office of Roland Lescure/);
  });

  it('should never leave the press contacts alone at the top of the last page', async () => {
    // One more paragraph fills the first page to just above the contacts; without "À propos", they would open page 2 alone.
    const content = await copyContent(BASE);
    await edit(content, join(RELEASE, 'release.yaml'), 'about: [gouvernement]', 'about: []');
    const paragraph = 'Les partenaires locaux se réunissent chaque trimestre pour suivre les projets et arbitrer les priorités de financement.';
    await edit(content, join(RELEASE, 'fr.mdx'), '<Quote id="lescure_territoires" />', `${paragraph}\n\n<Quote id="lescure_territoires" />`);
    const english = 'Local partners meet every quarter to follow the projects and settle the funding priorities.';
    await edit(content, join(RELEASE, 'en.mdx'), '<Quote id="lescure_territoires" />', `${english}\n\n<Quote id="lescure_territoires" />`);
    const pdf = join(await build(content), 'fr.pdf');
    expect(pdfInfo(pdf)['Pages']).toBe('2');
    const last = pdfText(pdf, 2);
    expect(last).toContain('Contacts presse');
    expect(last).not.toMatch(/^Contacts presse/);
    expect(last).toMatch(/^« La réindustrialisation sera écologique/); // the last quote came along
  });

  it('should print the dateline, place and date, in each language’s form, the day kept with its month', async () => {
    const content = await copyContent(BASE);
    await edit(content, join(RELEASE, 'release.yaml'), 'date: 2023-11-13\n', 'date: 2023-11-13\nplace: { fr: Chalon-sur-Saône, en: Chalon-sur-Saône }\n');
    const dated = await build(content);
    expect(pdfText(join(dated, 'fr.pdf'), 1)).toContain('Chalon-sur-Saône, le 13 novembre 2023');
    expect(pdfText(join(dated, 'en.pdf'), 1)).toContain('Chalon-sur-Saône, 13 November 2023');
    expect(await readFile(join(dated, 'en.html'), 'utf8')).toContain('<span class="document__place">Chalon-sur-Saône</span>, <time datetime="2023-11-13">13\u00A0November 2023</time>');
    // Without a place, the date alone.
    expect(pdfText(join(built, 'fr.pdf'), 1)).toMatch(/COMMUNIQUÉ DE PRESSE 13 novembre 2023 183 nouveaux/);
  });
});
