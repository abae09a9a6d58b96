import type { Element, ElementContent, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { posix } from 'node:path';
import { formatDate, formatDateTime } from '../locale/format-date.js';
import { LANGS, type Lang } from '../locale/lang.js';
import type { Document } from '../load/project.js';
import type { Templates } from '../render/create-templates.js';
import { relinkPdf, type LinkRewrite } from '../pdf/pdf-links.js';
import { manifest } from './manifest.js';
import { sitemaps, type SitemapLimits, type SitemapUrl } from './sitemap.js';

/** A document of the site in one language, with what publishing needs to know of it. */
export interface SiteDocument {
  readonly document: Document;
  readonly lang: Lang;
  readonly title: string;
  readonly summary: string;
  /** Path of its page in the build output, e.g. communiques/<slug>/fr.html (its PDF beside it). */
  readonly path: string;
  /** Whether it is still under embargo at publication time (and published only because it was asked). */
  readonly embargoed: boolean;
  /** The row of a collection's sheet. */
  readonly row?: string;
}

/** Options of assembleSite. */
export interface SiteOptions {
  /** The site's public address, ending with "/". */
  readonly baseUrl: string;
  /** The UI strings and layouts. */
  readonly templates: Templates;
  /** The organisation lines of the bloc-marque shown on the index pages. */
  readonly blocMarque: readonly string[] | null;
  readonly siteName: string;
  /** How much one sitemap file may hold (default: the protocol's 50 000 URLs and 50 MB). */
  readonly sitemapLimits?: SitemapLimits;
}

/** The word that starts the published names of each kind of document. */
export const KIND_NAMES = { release: 'communique', review: 'bilan', collection: 'fiche' } as const;

/**
 * The stable, descriptive file name of a document: kind, date, slug, language
 * ("communique-2025-03-20-territoires-industrie-bilan-fr", "bilan-2025-03-20-territoires-industrie-fr"); a
 * collection's sheet adds its row after a dot ("fiche-2025-03-20-territoires.ti-001-fr"). Slugs and rows are made of
 * lowercase letters, digits and "-", so two documents, of the same kind or not, never get the same name.
 */
export function siteName(doc: Pick<SiteDocument, 'document' | 'lang' | 'row'>): string {
  const row = doc.row === undefined ? '' : `.${doc.row}`;
  return `${KIND_NAMES[doc.document.kind]}-${doc.document.settings.date}-${doc.document.slug}${row}-${doc.lang}`;
}

/**
 * Turns a build's output (pages, PDFs, assets by path) into a static site: documents under stable names with
 * canonical, OpenGraph and hreflang links, an index and an Atom feed per language, sitemap.xml, CMS fragments and
 * manifest.json. Embargoed documents given here get a banner and noindex. The links of the PDFs lead to the
 * published addresses, under the base URL.
 */
export async function assembleSite(
  documents: readonly SiteDocument[],
  built: ReadonlyMap<string, Uint8Array | string>,
  options: SiteOptions,
): Promise<Map<string, Uint8Array | string>> {
  const site = new Map<string, Uint8Array | string>();
  const abs = (path: string) => new URL(path, options.baseUrl).href;
  const sitePath = new Map<string, string>();
  for (const doc of documents) {
    sitePath.set(doc.path, `documents/${siteName(doc)}.html`);
    sitePath.set(doc.path.replace(/\.html$/, '.pdf'), `documents/${siteName(doc)}.pdf`);
  }
  for (const path of built.keys()) if (path.startsWith('assets/')) sitePath.set(path, path);
  for (const [path, body] of built) if (path.startsWith('assets/')) site.set(path, body);

  const sorted = [...documents].sort((a, b) => b.document.settings.date.localeCompare(a.document.settings.date) || a.document.slug.localeCompare(b.document.slug));
  const sibling = (doc: SiteDocument, lang: Lang) => documents.find((d) => d.document === doc.document && d.row === doc.row && d.lang === lang);

  for (const doc of documents) {
    const strings = options.templates.strings[doc.lang];
    const own = sitePath.get(doc.path)!;
    const tree = fromHtml(String(built.get(doc.path)));
    const banner = doc.embargoed ? embargoText(doc, strings['embargo_until']!) : undefined;
    relink(tree, doc.path, own, sitePath);
    const head = find(tree, 'head');
    const meta = options.templates.partial('site-meta', {
      lang: doc.lang,
      canonical: abs(own),
      title: doc.title,
      description: doc.summary,
      ogLocale: doc.lang === 'fr' ? 'fr_FR' : 'en_GB',
      siteName: options.siteName,
      noindex: doc.embargoed,
    });
    head?.children.push(...(fromHtml(meta, { fragment: true }).children as ElementContent[]));
    // hreflang alternates become absolute, as search engines want them.
    for (const link of findAll(tree, (e) => e.tagName === 'link' && e.properties['rel']?.toString() === 'alternate' && typeof e.properties['hrefLang'] === 'string')) {
      const other = sibling(doc, link.properties['hrefLang'] as Lang);
      if (other) link.properties['href'] = abs(sitePath.get(other.path)!);
    }
    const body = find(tree, 'body');
    if (banner && body) {
      body.children.unshift(...(fromHtml(options.templates.partial('embargo-banner', { lang: doc.lang, text: banner }), { fragment: true }).children as ElementContent[]));
    }
    site.set(own, toHtml(tree));
    const pdfPath = doc.path.replace(/\.html$/, '.pdf');
    const pdf = built.get(pdfPath)!;
    // The build's PDF links to the built files, relative to it: to their published addresses now.
    site.set(sitePath.get(pdfPath)!, typeof pdf === 'string' ? pdf : await relinkPdf(pdf, publishedLinks(pdfPath, (path) => sitePath.get(path), options.baseUrl)));

    const main = find(tree, 'main');
    if (main) {
      // The fragment for a CMS: the document's content only, links absolute, nothing that needs our stylesheet.
      const fragment: Root = { type: 'root', children: main.children };
      for (const element of findAll(fragment, () => true)) {
        for (const attribute of ['href', 'src'] as const) {
          const value = element.properties[attribute];
          if (typeof value === 'string' && !/^[a-z]+:|^#/i.test(value)) element.properties[attribute] = abs(posix.join(posix.dirname(own), value));
        }
      }
      site.set(`fragments/${siteName(doc)}.html`, `${banner ? `<p><strong>${escape(banner)}</strong></p>\n` : ''}${toHtml(fragment)}\n`);
    }
  }

  for (const lang of LANGS) {
    const strings = options.templates.strings[lang];
    const other: Lang = lang === 'fr' ? 'en' : 'fr';
    const items = sorted.filter((d) => d.lang === lang);
    const pdfSize = (doc: SiteDocument) => {
      const bytes = built.get(doc.path.replace(/\.html$/, '.pdf'));
      const size = typeof bytes === 'string' ? Buffer.byteLength(bytes) : (bytes?.byteLength ?? 0);
      return lang === 'fr' ? `${Math.max(1, Math.round(size / 1024))}\u00A0Ko` : `${Math.max(1, Math.round(size / 1024))} KB`;
    };
    site.set(
      `${lang}/index.html`,
      options.templates.layout('site-index', {
        lang,
        otherLang: other,
        otherHref: `../${other}/index.html`,
        title: strings['site_title'],
        description: strings['site_description'],
        canonical: abs(`${lang}/index.html`),
        alternates: LANGS.map((l) => ({ lang: l, href: abs(`${l}/index.html`) })),
        feed: `../feeds/${lang}.xml`,
        feedTitle: strings['site_feed'],
        ogLocale: lang === 'fr' ? 'fr_FR' : 'en_GB',
        assets: '../assets',
        blocMarque: options.blocMarque,
        siteName: options.siteName,
        items: items.map((d) => ({
          kind: strings[`kind_${d.document.kind}`],
          date: d.document.settings.date,
          dateText: formatDate(d.document.settings.date, lang),
          title: d.title,
          summary: d.summary,
          html: `../${sitePath.get(d.path)}`,
          pdf: `../${sitePath.get(d.path.replace(/\.html$/, '.pdf'))}`,
          pdfSize: pdfSize(d),
          embargoed: d.embargoed ? embargoText(d, strings['embargo_until']!) : null,
        })),
      }),
    );
    // The feed announces releases and reviews; a collection's sheets are reference pages, listed on the index only.
    const feedItems = items.filter((d) => !d.embargoed && d.document.kind !== 'collection');
    const stamp = (date: string) => `${date}T00:00:00Z`;
    site.set(
      `feeds/${lang}.xml`,
      options.templates.layout('atom', {
        lang,
        title: strings['site_feed'],
        id: abs(`feeds/${lang}.xml`),
        self: abs(`feeds/${lang}.xml`),
        index: abs(`${lang}/index.html`),
        updated: stamp(feedItems[0]?.document.settings.date ?? '2000-01-01'),
        author: options.siteName,
        entries: feedItems.map((d) => {
          const pdf = built.get(d.path.replace(/\.html$/, '.pdf'));
          return {
            title: d.title,
            id: abs(sitePath.get(d.path)!),
            html: abs(sitePath.get(d.path)!),
            pdf: abs(sitePath.get(d.path.replace(/\.html$/, '.pdf'))!),
            pdfLength: typeof pdf === 'string' ? Buffer.byteLength(pdf) : (pdf?.byteLength ?? 0),
            updated: stamp(d.document.settings.date),
            summary: d.summary,
          };
        }),
      }),
    );
  }
  site.set('index.html', String(site.get('fr/index.html')).replace(/(href|src)="\.\.\//g, '$1="'));
  const indexed = sorted.filter((d) => !d.embargoed);
  const urls: SitemapUrl[] = [
    ...LANGS.map((lang) => ({ loc: abs(`${lang}/index.html`), lastmod: indexed[0]?.document.settings.date ?? '2000-01-01', alternates: LANGS.map((l) => ({ lang: l, href: abs(`${l}/index.html`) })) })),
    ...indexed.map((d) => ({
      loc: abs(sitePath.get(d.path)!),
      lastmod: d.document.settings.date,
      // Its own versions: the same document (and the same row of a collection) in each language.
      alternates: LANGS.map((lang) => sibling(d, lang))
        .filter((o): o is SiteDocument => o !== undefined && !o.embargoed)
        .map((o) => ({ lang: o.lang, href: abs(sitePath.get(o.path)!) })),
    })),
  ];
  for (const [path, xml] of sitemaps(urls, options.templates, abs, options.sitemapLimits)) site.set(path, xml);
  site.set('manifest.json', manifest(site));
  return site;
}

function embargoText(doc: SiteDocument, pattern: string): string {
  const embargo = doc.document.kind === 'release' ? doc.document.settings.embargo : undefined;
  if (!embargo) return '';
  const [date, time] = formatDateTime(embargo, doc.lang).split(doc.lang === 'fr' ? ' à ' : ' at ');
  return pattern.replace('{date}', date ?? '').replace('{time}', time ?? '');
}

/**
 * The links of a PDF at `from` (a path of the build, or of the site), written relative to it, made absolute: to the
 * published address of the file they name (`published` gives its site path), or the site path itself when it names
 * no built file. Absolute links (https:, mailto:, tel:) are kept.
 */
export function publishedLinks(from: string, published: (path: string) => string | undefined, baseUrl: string): LinkRewrite {
  return (uri) => {
    if (/^[a-z][a-z0-9+.-]*:|^#|^\/\//i.test(uri)) return undefined;
    const [path, hash] = uri.split('#');
    const target = posix.normalize(posix.join(posix.dirname(from), path!));
    return `${new URL(published(target) ?? target, baseUrl).href}${hash === undefined ? '' : `#${hash}`}`;
  };
}

/** Rewrites the links of a page that point at other built files to their place in the site. */
function relink(tree: Root, from: string, to: string, sitePath: ReadonlyMap<string, string>): void {
  for (const element of findAll(tree, () => true)) {
    for (const attribute of ['href', 'src'] as const) {
      const value = element.properties[attribute];
      if (typeof value !== 'string' || /^[a-z]+:|^#|^\/\//i.test(value)) continue;
      const [path, hash] = value.split('#');
      const target = sitePath.get(posix.normalize(posix.join(posix.dirname(from), path!)));
      if (target) element.properties[attribute] = `${posix.relative(posix.dirname(to), target)}${hash === undefined ? '' : `#${hash}`}`;
    }
  }
}

function findAll(tree: Root | Element, test: (element: Element) => boolean): Element[] {
  const found: Element[] = [];
  const walk = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (test(child)) found.push(child);
      walk(child);
    }
  };
  walk(tree);
  return found;
}

function find(tree: Root, tagName: string): Element | undefined {
  return findAll(tree, (e) => e.tagName === tagName)[0];
}

function escape(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
