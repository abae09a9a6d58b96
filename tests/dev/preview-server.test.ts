import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../../src/pdf/find-browser.js';
import { copyContent, ROOT } from '../helpers/cli.js';

const MINIMAL = join(ROOT, 'tests', 'fixtures', 'minimal');

describe('communique dev, driven in headless Chromium', () => {
  let content: string;
  let server: ChildProcess;
  let url: string;
  let browser: Browser;
  let page: Page;
  let fr: string;

  beforeAll(async () => {
    content = await copyContent(MINIMAL);
    fr = join(content, 'releases', 'demo', 'fr.mdx');
    server = spawn(process.execPath, [join(ROOT, 'bin', 'communique.js'), 'dev', '--port', '0', '--content', content], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    url = await new Promise<string>((resolve, reject) => {
      let seen = '';
      server.stdout!.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        const match = /Preview on (http:\/\/127\.0\.0\.1:\d+)\//.exec(seen);
        if (match) resolve(match[1]!);
      });
      server.once('exit', (code) => reject(new Error(`the preview server exited (${code}): ${seen}`)));
    });
    browser = await puppeteer.launch({ executablePath: findBrowser(), headless: true, args: ['--no-sandbox', '--disable-gpu'] });
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    server?.kill('SIGTERM');
  });

  const frenchFrame = (): Frame | undefined => page.frames().find((f) => f.url().endsWith('/communiques/demo/fr.html'));
  const spaces = (text: string) => text.replace(/[\u00A0\u202F]/g, ' ');
  const frenchText = async () => spaces((await frenchFrame()?.evaluate(() => document.body.innerText)) ?? '');
  const pageText = async () => spaces(await page.evaluate(() => document.body.innerText));
  const waitFor = async (what: () => Promise<boolean>, label: string) => {
    for (let i = 0; i < 100; i++) {
      if (await what().catch(() => false)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${label}: ${await pageText().catch(() => '')}`);
  };

  it('should list every document and show one side by side in French and English', async () => {
    await page.goto(`${url}/`, { waitUntil: 'load' });
    expect(await pageText()).toContain('Territoires d’industrie : bilan à 1 an');
    await page.goto(`${url}/doc/communiques/demo`, { waitUntil: 'load' });
    const frames = page.frames().map((f) => f.url());
    expect(frames.some((f) => f.endsWith('/communiques/demo/fr.html'))).toBe(true);
    expect(frames.some((f) => f.endsWith('/communiques/demo/en.html'))).toBe(true);
    expect(await frenchText()).toContain('Le programme compte plus de 2');
  });

  it('should show the new text after fr.mdx is saved, without a manual reload', async () => {
    const original = await readFile(fr, 'utf8');
    await writeFile(fr, original.replace('Le programme compte plus de', 'Le programme rassemble désormais plus de'));
    await waitFor(async () => (await frenchText()).includes('Le programme rassemble désormais plus de'), 'the edited text');
  });

  it('should replace the preview with the message of an unknown component, then come back once it is fixed', async () => {
    const text = await readFile(fr, 'utf8');
    await writeFile(fr, `${text}\n<Graphique id="x" />\n`);
    await waitFor(async () => (await pageText()).includes('Unknown element <Graphique>'), 'the error message');
    const body = await pageText();
    const line = text.split('\n').length + 1;
    expect(body).toMatch(new RegExp(`fr\\.mdx:${line}:1`));
    expect(body).toContain('unknown-component');
    expect(frenchFrame()).toBeUndefined();
    const link = await page.$$eval('li', (items) => items.find((li) => li.textContent?.includes('unknown-component'))?.querySelector('a.place')?.getAttribute('href'));
    expect(link).toContain(`line=${line}`);

    await writeFile(fr, text);
    await waitFor(async () => (await frenchText()).includes('Le programme rassemble'), 'the preview back');
  });

  it('should serve the PDF of a document on demand', async () => {
    const response = await fetch(`${url}/pdf/communiques/demo/fr.pdf`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await response.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('should open the page a PDF links to, relative to the PDF', async () => {
    // The PDF at /pdf/communiques/demo/fr.pdf links to "en.html" beside it.
    const response = await fetch(new URL('en.html', `${url}/pdf/communiques/demo/fr.pdf`), { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/page/communiques/demo/en.html');
  });

  it('should survive a broken data file and listen on 127.0.0.1 only', async () => {
    const indicators = join(content, 'data', 'indicators.yaml');
    const original = await readFile(indicators, 'utf8');
    await writeFile(indicators, `${original}\nbroken: [\n`);
    await page.goto(`${url}/doc/communiques/demo`, { waitUntil: 'load' });
    await waitFor(async () => (await pageText()).includes('yaml-syntax'), 'the YAML error');
    await writeFile(indicators, original);
    await waitFor(async () => (await frenchText()).includes('Le programme rassemble'), 'the preview back');
    expect(url.startsWith('http://127.0.0.1:')).toBe(true);
    expect(server.exitCode).toBeNull();
  });
});
