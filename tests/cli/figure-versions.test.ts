import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyContent, demoDocuments, pdfText, ROOT, runCli, tempDir } from '../helpers/cli.js';

/** Figures versioned by date, on the demo: the release of 13 November 2023 and the one of 20 March 2025 cite the same indicators. */
describe('figures versioned by date', () => {
  const RELEASES = ['183-territoires-industrie', 'territoires-industrie-bilan'];
  let content: string;
  let before: string;
  let after: string;
  const sha = async (path: string) => createHash('sha256').update(await readFile(path)).digest('hex');
  const edit = async (file: string, find: string, replace: string) => {
    const path = join(content, file);
    const text = await readFile(path, 'utf8');
    expect(text.split(find).length - 1, `${file}: ${find}`).toBe(1);
    await writeFile(path, text.replace(find, replace));
  };

  beforeAll(async () => {
    content = await demoDocuments();
    before = await tempDir('communique-versions-before-');
    after = await tempDir('communique-versions-after-');
    const first = await runCli(['build', '--content', content, '--out', before, ...RELEASES]);
    expect(first.code, first.stderr).toBe(0);
    // A newer value of the labelled territories (a test value, after both releases), and a later count of the
    // intercommunalités for the 2025 release (a test value); the 2025 release also names the 2023 count with at=.
    await edit(
      'data/indicators.yaml',
      '    - value: 630\n      as_of: 2025-03-20',
      '    - value: 640\n      as_of: 2025-03-20',
    );
    const labelled = (await readFile(join(content, 'data/indicators.yaml'), 'utf8')).indexOf('territoires_labellises:');
    const indicators = await readFile(join(content, 'data/indicators.yaml'), 'utf8');
    const end = indicators.indexOf('\n\n', labelled);
    await writeFile(
      join(content, 'data/indicators.yaml'),
      `${indicators.slice(0, end)}\n    - value: 190\n      as_of: 2025-06-01\n      source: { fr: "Valeur de test (pas un chiffre publié)", en: "Test value (not a published figure)" }${indicators.slice(end)}`,
    );
    await edit('releases/territoires-industrie-bilan/fr.mdx', '<KeyFigures ids=', 'À l’annonce du temps II, le programme couvrait <Indicator id="intercommunalites" at="2023-11-10" /> intercommunalités.\n\n<KeyFigures ids=');
    await edit('releases/territoires-industrie-bilan/en.mdx', '<KeyFigures ids=', 'When phase II was announced, the programme covered <Indicator id="intercommunalites" at="2023-11-10" /> intercommunalités.\n\n<KeyFigures ids=');
    const second = await runCli(['build', '--content', content, '--out', after, ...RELEASES]);
    expect(second.code, second.stderr).toBe(0);
  }, 240_000);

  it('should print the 2023 values in the 2023 release, and leave its PDFs unchanged when newer values are added', async () => {
    for (const lang of ['fr', 'en']) {
      const path = `communiques/183-territoires-industrie/${lang}.pdf`;
      expect(await sha(join(after, path)), path).toBe(await sha(join(before, path)));
    }
    const text = pdfText(join(after, 'communiques/183-territoires-industrie/fr.pdf'));
    expect(text).toContain('183 nouveaux territoires d’industrie');
    expect(text).toContain('630 intercommunalités');
    expect(text).not.toContain('640');
    expect(text).not.toContain('190');
  });

  it('should print in the 2025 release the values in force at its date, and the value named with at=', () => {
    const fr = pdfText(join(after, 'communiques/territoires-industrie-bilan/fr.pdf'));
    expect(fr).toContain('640 intercommunalités'); // key figures: the value as of 2025-03-20
    expect(fr).toContain('le programme couvrait 630 intercommunalités'); // at="2023-11-10"
    expect(fr).toContain('183 territoires'); // the value of 2025-06-01 is later than the release
    expect(fr).not.toContain('190');
    const en = pdfText(join(after, 'communiques/territoires-industrie-bilan/en.pdf'));
    expect(en).toContain('the programme covered 630 intercommunalités');
  });
});

describe('the history of a figure, in the review and the preview', () => {
  let content: string;
  let server: ChildProcess | undefined;

  beforeAll(async () => {
    content = await demoDocuments();
  });
  afterAll(() => {
    server?.kill('SIGTERM');
  });

  it('should say in the review\'s sources appendix which value it cites and that an earlier one exists', async () => {
    const out = await tempDir('communique-versions-review-');
    const run = await runCli(['build', '--no-pdf', '--content', content, '--out', out, 'territoires-industrie']);
    expect(run.code, run.stderr).toBe(0);
    const html = (await readFile(join(out, 'bilans/territoires-industrie/fr.html'), 'utf8')).replace(/[\u00A0\u202F]/g, ' ');
    const row = /<tr data-indicator="territoires_labellises">.*?<\/tr>/s.exec(html)?.[0] ?? '';
    expect(row).toContain('20 mars 2025');
    expect(row).toContain('Valeur antérieure : 183 au 13 novembre 2023, gouvernement.fr');
    const en = (await readFile(join(out, 'bilans/territoires-industrie/en.html'), 'utf8')).replace(/[\u00A0\u202F]/g, ' ');
    expect(en).toContain('Earlier value: 630 as of 10 November 2023, Maire-info');
  });

  it('should list in the preview each figure a document cites, with the value cited, its date and source, and the other values', async () => {
    server = spawn(process.execPath, [join(ROOT, 'bin', 'communique.js'), 'dev', '--port', '0', '--content', content], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    const url = await new Promise<string>((resolve, reject) => {
      let seen = '';
      server!.stdout!.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        const match = /Preview on (http:\/\/127\.0\.0\.1:\d+)\//.exec(seen);
        if (match) resolve(match[1]!);
      });
      server!.once('exit', (code) => reject(new Error(`the preview server exited (${code}): ${seen}`)));
    });
    const page = await (await fetch(`${url}/doc/communiques/183-territoires-industrie`)).text();
    const figure = /<tbody data-indicator="territoires_labellises">.*?<\/tbody>/s.exec(page)?.[0] ?? '';
    expect(figure).toContain('in force at the document&#x27;s date (2023-11-13)');
    const rows = figure.split('<tr').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/figure--cited.*2023-11-13.*gouvernement\.fr.*\(cited\)/s);
    expect(rows[1]).toMatch(/figure--other.*2025-03-20.*Communiqué de presse ANCT – DGE/s);
    expect(rows[1]).not.toContain('(cited)');
  }, 60_000);
});

describe('recording a new value of a figure', () => {
  it('should explain, at the line of a second "value:", how to list the values of a figure over time', async () => {
    const content = await copyContent(join(ROOT, 'tests/fixtures/editorial/base-183-territoires'));
    const path = join(content, 'data/indicators.yaml');
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.replace('    en: "winning territories"\n  as_of: 2023-11-13\n', '    en: "winning territories"\n  as_of: 2023-11-13\n  value: 190\n'));
    const run = await runCli(['check', '--content', content]);
    expect(run.code).toBe(1);
    const message = run.stderr.replace(/\s+/g, ' ');
    expect(message).toMatch(/11:3-11:\d+ error Duplicate key "value"/);
    expect(message).toContain('To record a new value of a figure over time, keep one indicator and list its values, each with its as_of and source: values: [{ value: 183, as_of: 2023-11-13');
    expect(message).toContain('<Indicator id="…" at="2023-11-13" /> cites another');
    expect(message).toContain('yaml-duplicate-key');
  });
});
