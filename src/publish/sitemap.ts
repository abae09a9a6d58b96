import type { Templates } from '../render/create-templates.js';

/** A page of the sitemap: its address, the date it last changed, and its versions in each language (itself included). */
export interface SitemapUrl {
  readonly loc: string;
  readonly lastmod: string;
  readonly alternates: ReadonlyArray<{ readonly lang: string; readonly href: string }>;
}

/** How much one sitemap file may hold: the sitemap protocol's limits unless a test gives smaller ones. */
export interface SitemapLimits {
  /** URLs per file (default 50 000). */
  readonly urls: number;
  /** Bytes per file, uncompressed (default 50 MB, 52 428 800 bytes). */
  readonly bytes: number;
}

/** The limits of the sitemap protocol (sitemaps.org). */
export const SITEMAP_LIMITS: SitemapLimits = { urls: 50_000, bytes: 50 * 1024 * 1024 };

/**
 * The sitemap files of a site, by path: `sitemap.xml` alone when every URL fits in one file; else `sitemap.xml` is a
 * sitemap index naming `sitemap-1.xml`, `sitemap-2.xml`…, each within the limits, the URLs in their order.
 * `abs` makes a site path absolute.
 */
export function sitemaps(urls: readonly SitemapUrl[], templates: Templates, abs: (path: string) => string, limits: SitemapLimits = SITEMAP_LIMITS): Map<string, string> {
  const render = (list: readonly SitemapUrl[]) => templates.layout('sitemap', { lang: 'fr', urls: list });
  const whole = render(urls);
  if (urls.length <= limits.urls && Buffer.byteLength(whole) <= limits.bytes) return new Map([['sitemap.xml', whole]]);

  // Each URL's share of a file: the file with it, less the file without any.
  const envelope = Buffer.byteLength(render([]));
  const chunks: SitemapUrl[][] = [];
  let chunk: SitemapUrl[] = [];
  let size = envelope;
  for (const url of urls) {
    const own = Buffer.byteLength(render([url])) - envelope;
    if (envelope + own > limits.bytes) throw new Error(`a sitemap entry of ${own} bytes cannot fit in a file of ${limits.bytes} bytes: ${url.loc}`);
    if (chunk.length > 0 && (chunk.length >= limits.urls || size + own > limits.bytes)) {
      chunks.push(chunk);
      chunk = [];
      size = envelope;
    }
    chunk.push(url);
    size += own;
  }
  if (chunk.length > 0) chunks.push(chunk);
  const files = new Map<string, string>();
  const parts = chunks.map((list, i) => {
    const path = `sitemap-${i + 1}.xml`;
    files.set(path, render(list));
    return { loc: abs(path), lastmod: list.map((u) => u.lastmod).sort().at(-1)! };
  });
  files.set('sitemap.xml', templates.layout('sitemap-index', { lang: 'fr', sitemaps: parts }));
  return files;
}
