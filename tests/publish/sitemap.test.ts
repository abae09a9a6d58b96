import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sitemaps, type SitemapUrl } from '../../src/publish/sitemap.js';
import { createTemplates, type Templates } from '../../src/render/create-templates.js';
import { DEFAULT_TEMPLATES } from '../../src/render/create-templates.js';

const BASE = 'https://presse.example.gouv.fr/';
const abs = (path: string) => new URL(path, BASE).href;

/** A sheet per territory in both languages, each listing its two versions. */
function sheets(count: number): SitemapUrl[] {
  return Array.from({ length: count }, (_, i) => i).flatMap((i) =>
    ['fr', 'en'].map((lang) => ({
      loc: abs(`documents/fiche-2023-11-13-territoires.ti-${i}-${lang}.html`),
      lastmod: `2023-11-${String(10 + (i % 5)).padStart(2, '0')}`,
      alternates: ['fr', 'en'].map((l) => ({ lang: l, href: abs(`documents/fiche-2023-11-13-territoires.ti-${i}-${l}.html`) })),
    })),
  );
}

const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);

async function xmllint(files: Map<string, string>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'communique-sitemap-'));
  for (const [path, xml] of files) await writeFile(join(dir, path), xml);
  execFileSync('xmllint', ['--noout', ...[...files.keys()].map((path) => join(dir, path))]);
}

describe('sitemaps', () => {
  let templates: Templates;
  beforeAll(async () => {
    templates = await createTemplates(DEFAULT_TEMPLATES);
  });

  it('should write one sitemap.xml when every URL fits', () => {
    const files = sitemaps(sheets(3), templates, abs, { urls: 6, bytes: 1_000_000 });
    expect([...files.keys()]).toEqual(['sitemap.xml']);
    expect(locs(files.get('sitemap.xml')!)).toHaveLength(6);
  });

  it('should split past the URL limit, with a sitemap index naming each part, every URL once and in order', async () => {
    const urls = sheets(5);
    const files = sitemaps(urls, templates, abs, { urls: 4, bytes: 1_000_000 });
    expect([...files.keys()].sort()).toEqual(['sitemap-1.xml', 'sitemap-2.xml', 'sitemap-3.xml', 'sitemap.xml']);
    const index = files.get('sitemap.xml')!;
    expect(index).toContain('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    expect(locs(index)).toEqual([1, 2, 3].map((n) => abs(`sitemap-${n}.xml`)));
    const parts = [1, 2, 3].map((n) => files.get(`sitemap-${n}.xml`)!);
    for (const part of parts) expect(part.match(/<url>/g)!.length).toBeLessThanOrEqual(4);
    expect(parts.flatMap((part) => locs(part))).toEqual(urls.map((u) => u.loc));
    // Each part's lastmod in the index is the latest of its URLs.
    expect(index).toMatch(/<loc>[^<]+sitemap-1\.xml<\/loc>\s*<lastmod>2023-11-11<\/lastmod>/);
    await xmllint(files);
  });

  it('should split past the byte limit, every part within it', () => {
    const urls = sheets(10);
    const whole = sitemaps(urls, templates, abs).get('sitemap.xml')!;
    const limit = Math.floor(Buffer.byteLength(whole) / 3);
    const files = sitemaps(urls, templates, abs, { urls: 50_000, bytes: limit });
    const parts = [...files.keys()].filter((path) => path !== 'sitemap.xml');
    expect(parts.length).toBeGreaterThanOrEqual(3);
    for (const path of parts) expect(Buffer.byteLength(files.get(path)!), path).toBeLessThanOrEqual(limit);
    expect(parts.flatMap((path) => locs(files.get(path)!))).toEqual(urls.map((u) => u.loc));
  });
});
