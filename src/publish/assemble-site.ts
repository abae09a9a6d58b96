import type { Element, ElementContent, Root } from 'hast';
import { formatInTimeZone } from 'date-fns-tz/formatInTimeZone';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { toString } from 'hast-util-to-string';
import { posix } from 'node:path';
import { formatDate, formatDateTime } from '../locale/format-date.js';
import { LANGS, type Lang } from '../locale/lang.js';
import type { Document } from '../load/project.js';
import type { Templates } from '../render/create-templates.js';
import { relinkPdf, type LinkRewrite } from '../pdf/pdf-links.js';
import { hashAssetNames } from '../render/assets.js';
import { publishedName } from '../render/document-path.js';
import { embargoEnd } from './embargo.js';
import { manifest, type ManifestDocument } from './manifest.js';
import { SiteFiles } from './site-files.js';
import { sitemaps, type SitemapLimits, type SitemapUrl } from './sitemap.js';

/** A document of the site in one language, with what publishing needs to know of it. */
export interface SiteDocument {
  readonly document: Document;
  readonly lang: Lang;
  readonly title: string;
  readonly summary: string;
  /** The names of its issuers, in its language, in the order of the document's settings. */
  readonly issuers: readonly string[];
  /** Path of its page in the build output, e.g. communiques/<slug>/fr.html (its PDF beside it). */
  readonly path: string;
  /** Whether it is still under embargo at publication time (and published only because it was asked). */
  readonly embargoed: boolean;
  /** The row of a collection's sheet. */
  readonly row?: string;
  /**
   * When the document last changed after it was published (an ISO instant): a correction sets it. The feeds'
   * `updated` and the sitemap's `lastmod` follow it; without it they are the publication time and the date.
   */
  readonly updated?: string;
  /** Its version: 1, then one more for each correction (default 1). */
  readonly version?: number;
  /**
   * Its files as they were published (from the archive): page, PDF and CMS fragment, served byte for byte instead of
   * being made from the build.
   */
  readonly served?: { readonly html: Uint8Array; readonly pdf: Uint8Array; readonly fragment?: Uint8Array };
  /** The earlier versions of a corrected document, served as published at documents/<name>-v<n>.html and .pdf. */
  readonly earlier?: ReadonlyArray<{ readonly version: number; readonly html: Uint8Array; readonly pdf: Uint8Array }>;
}

/** What the site says of itself: content/site.yaml, or the defaults publish gives when there is none. */
export interface SiteSettings {
  readonly name: Readonly<Record<Lang, string>>;
  readonly publisher: Readonly<Record<Lang, string>>;
  /** The lines of the Marque de l'État of the header and footer. */
  readonly blocMarque: readonly string[];
  readonly legalNotice: string;
  readonly personalData: string;
  readonly accessibility: { readonly status: 'none' | 'partial' | 'full'; readonly url: string };
  /** Where collections' sheets are listed: their own index page, or no index at all. */
  readonly collections: 'own-page' | 'hidden';
}

/** Options of assembleSite. */
export interface SiteOptions {
  /** The site's public address, ending with "/". */
  readonly baseUrl: string;
  /** The UI strings and layouts. */
  readonly templates: Templates;
  readonly settings: SiteSettings;
  /** Files only the site uses (the DSFR stylesheet and icons, site.css, the favicons), by path. */
  readonly siteAssets?: ReadonlyMap<string, Uint8Array | string>;
  /** The og:image card of each page, by site path of the page ("documents/<name>.html", "fr/index.html"). */
  readonly cards?: ReadonlyMap<string, Uint8Array>;
  /** How much one sitemap file may hold (default: the protocol's 50 000 URLs and 50 MB). */
  readonly sitemapLimits?: SitemapLimits;
  /** Assets under their hashed names that served pages name (from the archive), added when the site has no such file. */
  readonly keptAssets?: ReadonlyMap<string, Uint8Array>;
  /** Where the site's files are put (default: a Map in memory); SiteFiles writes each to disk as it comes. */
  readonly files?: Map<string, Uint8Array | string>;
}

/** The site's files. */
export interface AssembledSite {
  readonly files: Map<string, Uint8Array | string>;
}

export { KIND_NAMES } from '../render/document-path.js';

/** The stable name of a document on the site (see publishedName). */
export function siteName(doc: Pick<SiteDocument, 'document' | 'lang' | 'row'>): string {
  return publishedName(doc.document, doc.lang, doc.row);
}

/** When a document became public, as an ISO instant: the end of its embargo, or the start of its date in Paris. */
export function publishedAt(document: Document): string {
  const embargo = document.kind === 'release' ? document.settings.embargo : undefined;
  return (embargo ? embargoEnd(embargo) : embargoEnd(`${document.settings.date}T00:00`)).toISOString().replace(/\.000Z$/, 'Z');
}

/** The index page of a collection's sheets in a language ("fr/fiches-territoires.html"). */
function collectionIndex(slug: string, lang: Lang): string {
  return `${lang}/fiches-${slug}.html`;
}

/**
 * Turns a build's output (pages, PDFs, assets by path) into a static site: documents under stable names in the DSFR's
 * header and footer, with canonical, OpenGraph and hreflang links, a skip link, a link back to their index and to
 * their PDF; an index per language (releases newest first, then reviews; each collection on an index page of its
 * own, or none), a 404 page, robots.txt, Atom feeds per language and per issuer, sitemap.xml, CMS fragments and
 * manifest.json; every asset under a content-hashed name. Embargoed documents given here get noindex (their page
 * shows their embargo line). The links of the PDFs lead to the published addresses, under the base URL. A document
 * with `served` files is put online as they are; its `earlier` versions beside it, under their versioned names.
 */
export async function assembleSite(
  documents: readonly SiteDocument[],
  built: ReadonlyMap<string, Uint8Array | string>,
  options: SiteOptions,
): Promise<AssembledSite> {
  const site = options.files ?? new Map<string, Uint8Array | string>();
  const { templates, settings } = options;
  const abs = (path: string) => new URL(path, options.baseUrl).href;
  const sitePath = new Map<string, string>();
  for (const doc of documents) {
    sitePath.set(doc.path, `documents/${siteName(doc)}.html`);
    sitePath.set(doc.path.replace(/\.html$/, '.pdf'), `documents/${siteName(doc)}.pdf`);
  }
  for (const path of built.keys()) if (path.startsWith('assets/')) sitePath.set(path, path);
  for (const path of built.keys()) if (path.startsWith('assets/')) site.set(path, built.get(path)!);
  for (const [path, body] of options.siteAssets ?? []) site.set(path, body);
  for (const [path, png] of options.cards ?? []) site.set(cardPath(path), png);

  const sorted = [...documents].sort((a, b) => b.document.settings.date.localeCompare(a.document.settings.date) || a.document.slug.localeCompare(b.document.slug) || (a.row ?? '').localeCompare(b.row ?? ''));
  const sibling = (doc: SiteDocument, lang: Lang) => documents.find((d) => d.document === doc.document && d.row === doc.row && d.lang === lang);
  /** The size of a document's PDF as the site serves it (relinked, or as published). */
  const pdfBytes = (doc: SiteDocument) => {
    const pdfPath = doc.path.replace(/\.html$/, '.pdf');
    const known = site instanceof SiteFiles && !doc.served ? site.sizeOf(sitePath.get(pdfPath)!) : undefined;
    if (known !== undefined) return known;
    const bytes = doc.served?.pdf ?? site.get(sitePath.get(pdfPath)!) ?? built.get(pdfPath);
    return typeof bytes === 'string' ? Buffer.byteLength(bytes) : (bytes?.byteLength ?? 0);
  };
  /** The DSFR download link of a document's PDF, from a page in `lang` at `from`. */
  const download = (doc: SiteDocument, lang: Lang, from: string, hidden?: string) => {
    const strings = templates.strings[lang];
    const size = `${Math.max(1, Math.round(pdfBytes(doc) / 1024))}\u00A0${strings['site_kb']!}`;
    return {
      href: posix.relative(posix.dirname(from), sitePath.get(doc.path.replace(/\.html$/, '.pdf'))!),
      lang: doc.lang,
      label: strings['site_download']!,
      hidden: hidden ?? null,
      detail: strings['site_file_detail']!.replace('{size}', size).replace('{lang}', strings[`lang_name_${doc.lang}`]!),
    };
  };
  const siteContext = (lang: Lang) => ({
    name: settings.name[lang],
    publisher: settings.publisher[lang],
    blocMarque: settings.blocMarque,
    legalNotice: settings.legalNotice,
    personalData: settings.personalData,
    accessibility: { url: settings.accessibility.url, text: templates.strings[lang][`site_accessibility_${settings.accessibility.status}`] },
  });
  const indexOf = (doc: SiteDocument) => (doc.document.kind === 'collection' && settings.collections === 'own-page' ? collectionIndex(doc.document.slug, doc.lang) : `${doc.lang}/index.html`);
  const chrome = (lang: Lang, from: string, otherHref: string, root = posix.relative(posix.dirname(from), '.') || '.') => {
    const up = root === '.' ? '' : `${root}/`;
    const context = { lang, otherLang: lang === 'fr' ? 'en' : 'fr', otherHref, home: `${up}${lang}/index.html`, sitemap: `${up}sitemap.xml`, site: siteContext(lang) };
    return {
      head: (image: string | null, imageAlt: string) => templates.partial('site-head', { lang, root: up, image, imageAlt }),
      before: templates.partial('site-skiplinks', context) + templates.partial('site-header', context),
      after: templates.partial('site-footer', context),
      stylesheets: { dsfr: `${up}assets/dsfr.css`, site: `${up}assets/site.css` },
    };
  };

  const served = new Set<string>();
  for (const doc of documents) {
    const own = sitePath.get(doc.path)!;
    for (const version of doc.earlier ?? []) {
      const name = `documents/${publishedName(doc.document, doc.lang, doc.row, version.version)}`;
      site.set(`${name}.html`, version.html);
      site.set(`${name}.pdf`, version.pdf);
      served.add(`${name}.html`);
    }
    if (!doc.served) continue;
    site.set(own, doc.served.html);
    site.set(sitePath.get(doc.path.replace(/\.html$/, '.pdf'))!, doc.served.pdf);
    if (doc.served.fragment) site.set(`fragments/${siteName(doc)}.html`, doc.served.fragment);
    served.add(own);
  }

  for (const doc of documents) {
    if (doc.served) continue;
    const strings = templates.strings[doc.lang];
    const own = sitePath.get(doc.path)!;
    const other = sibling(doc, doc.lang === 'fr' ? 'en' : 'fr');
    const tree = fromHtml(String(built.get(doc.path)));
    relink(tree, doc.path, own, sitePath);
    // hreflang alternates become absolute, as search engines want them.
    for (const link of findAll(tree, (e) => e.tagName === 'link' && e.properties['rel']?.toString() === 'alternate' && typeof e.properties['hrefLang'] === 'string')) {
      const version = sibling(doc, link.properties['hrefLang'] as Lang);
      if (version) link.properties['href'] = abs(sitePath.get(version.path)!);
    }
    const fragment = fragmentOf(tree, doc);
    const pdfPath = doc.path.replace(/\.html$/, '.pdf');
    const pdf = built.get(pdfPath)!;
    // The build's PDF links to the built files, relative to it: to their published addresses now.
    site.set(sitePath.get(pdfPath)!, typeof pdf === 'string' ? pdf : await relinkPdf(pdf, publishedLinks(pdfPath, (path) => sitePath.get(path), options.baseUrl)));
    const parts = chrome(doc.lang, own, other ? posix.basename(sitePath.get(other.path)!) : `../${doc.lang === 'fr' ? 'en' : 'fr'}/index.html`);
    const head = find(tree, 'head')!;
    // No inline style in a published page: the @page rules are for printing, which uses the build's page.
    head.children = head.children.filter((node) => !(node.type === 'element' && node.tagName === 'style'));
    const firstSheet = head.children.findIndex((node) => node.type === 'element' && node.tagName === 'link' && String(node.properties['rel']) === 'stylesheet');
    head.children.splice(firstSheet, 0, ...html(`<link rel="stylesheet" href="${parts.stylesheets.dsfr}">`));
    head.children.push(...html(`<link rel="stylesheet" href="${parts.stylesheets.site}">`));
    head.children.push(
      ...html(
        templates.partial('site-meta', {
          lang: doc.lang,
          canonical: abs(own),
          title: doc.title,
          description: doc.summary,
          ogLocale: doc.lang === 'fr' ? 'fr_FR' : 'en_GB',
          siteName: settings.name[doc.lang],
          noindex: doc.embargoed,
        }) + parts.head(options.cards?.has(own) ? abs(cardPath(own)) : null, doc.title),
      ),
    );
    const body = find(tree, 'body')!;
    // The build's masthead gives way to the DSFR header; a review keeps its cover's title block.
    body.children = body.children.filter((node) => !(node.type === 'element' && node.tagName === 'header' && hasClass(node, 'masthead')));
    for (const cover of findAll(body, (e) => e.tagName === 'header' && hasClass(e, 'cover'))) {
      cover.tagName = 'div';
      cover.children = cover.children.filter((node) => !(node.type === 'element' && hasClass(node, 'cover__top')));
    }
    // The contact line stays, as a part of the page, not a second page footer.
    for (const footer of findAll(body, (e) => e.tagName === 'footer' && hasClass(e, 'page-footer'))) footer.tagName = 'div';
    const issuers = html(`<p class="document__issuers">${escape(strings['issued_by']!)} ${doc.issuers.map(escape).join(', ')}</p>`);
    const titleBlock = findAll(body, (e) => hasClass(e, 'cover__main'))[0] ?? find(tree, 'main');
    const title = titleBlock?.children.findLastIndex((node) => node.type === 'element' && (node.tagName === 'h1' || hasClass(node, 'cover__subtitle'))) ?? -1;
    titleBlock?.children.splice(title + 1, 0, ...issuers);
    // A wide table scrolls inside its own box, which takes the keyboard focus so that it can be scrolled without a mouse.
    for (const parent of findAll(body, (e) => e.children.some((c) => c.type === 'element' && c.tagName === 'table'))) {
      parent.children = parent.children.map((child) => {
        if (child.type !== 'element' || child.tagName !== 'table') return child;
        const caption = findAll(child, (e) => e.tagName === 'caption')[0];
        const name = caption ? toString(caption).trim() : strings['site_table']!;
        return { type: 'element', tagName: 'div', properties: { className: ['site-table'], tabIndex: 0, role: 'region', ariaLabel: name }, children: [child] };
      });
    }
    const back = indexOf(doc);
    const nav = templates.partial('site-document-nav', {
      lang: doc.lang,
      label: strings['site_document_nav'],
      back: { href: posix.relative(posix.dirname(own), back), text: doc.document.kind === 'collection' && settings.collections === 'own-page' ? collectionTitle(doc, templates) : strings['site_back'] },
      download: download(doc, doc.lang, own),
    });
    body.children.unshift(...html(parts.before + nav));
    body.children.push(...html(parts.after));
    site.set(own, toHtml(tree));
    if (fragment) {
      for (const element of findAll(fragment, () => true)) {
        for (const attribute of ['href', 'src'] as const) {
          const value = element.properties[attribute];
          if (typeof value === 'string' && !/^[a-z]+:|^#/i.test(value)) element.properties[attribute] = abs(posix.join(posix.dirname(own), value));
        }
      }
      site.set(`fragments/${siteName(doc)}.html`, `${toHtml(fragment)}\n`);
    }
  }

  const listed = (doc: SiteDocument) => !(doc.document.kind === 'collection');
  for (const lang of LANGS) {
    const strings = templates.strings[lang];
    const other: Lang = lang === 'fr' ? 'en' : 'fr';
    const items = sorted.filter((d) => d.lang === lang);
    const item = (from: string) => (d: SiteDocument) => ({
      kind: d.document.kind === 'collection' ? collectionKind(d) : strings[`kind_${d.document.kind}`],
      date: d.document.settings.date,
      dateText: formatDate(d.document.settings.date, lang),
      title: d.title,
      summary: d.summary,
      issuers: d.issuers.join(', '),
      html: posix.relative(posix.dirname(from), sitePath.get(d.path)!),
      download: download(d, lang, from, d.title),
      embargoed: d.embargoed ? embargoText(d, strings['embargo_until']!) : null,
    });
    const feedItems = items.filter((d) => !d.embargoed && listed(d));
    const issuerFeeds = issuersOf(feedItems).map((issuer) => ({ id: issuer.id, name: issuer.name, path: `feeds/${lang}/${issuer.id}.xml` }));
    const collections = settings.collections === 'own-page' ? [...new Set(items.filter((d) => d.document.kind === 'collection').map((d) => d.document))] : [];
    const indexPage = (path: string, title: string, groups: Array<{ id: string; title: string; items: SiteDocument[] }>, links: Array<{ href: string; text: string }>) => {
      const parts = chrome(lang, path, posix.relative(posix.dirname(path), path.replace(/^(fr|en)\//, `${other}/`)));
      return templates.layout('site-index', {
        lang,
        title,
        siteName: settings.name[lang],
        description: strings['site_description'],
        canonical: abs(path),
        alternates: LANGS.map((l) => ({ lang: l, href: abs(path.replace(/^(fr|en)\//, `${l}/`)) })),
        feed: posix.relative(posix.dirname(path), `feeds/${lang}.xml`),
        feedTitle: strings['site_feed'],
        issuerFeeds: issuerFeeds.map((f) => ({ href: posix.relative(posix.dirname(path), f.path), title: strings['site_feed_of']!.replace('{issuer}', f.name) })),
        ogLocale: lang === 'fr' ? 'fr_FR' : 'en_GB',
        stylesheets: [parts.stylesheets.dsfr, `${posix.relative(posix.dirname(path), 'assets/communique.css')}`, parts.stylesheets.site],
        siteHead: parts.head(options.cards?.has(path) ? abs(cardPath(path)) : null, title),
        before: parts.before,
        after: parts.after,
        groups: groups.filter((g) => g.items.length > 0).map((g) => ({ ...g, items: g.items.map(item(path)) })),
        empty: groups.every((g) => g.items.length === 0) && links.length === 0,
        links,
      });
    };
    const indexPath = `${lang}/index.html`;
    site.set(
      indexPath,
      indexPage(
        indexPath,
        settings.name[lang],
        [
          { id: 'releases', title: strings['site_releases']!, items: items.filter((d) => d.document.kind === 'release') },
          { id: 'reviews', title: strings['site_reviews']!, items: items.filter((d) => d.document.kind === 'review') },
        ],
        collections.map((c) => ({ href: posix.relative(lang, collectionIndex(c.slug, lang)), text: `${collectionTitle(items.find((d) => d.document === c)!, templates)} (${items.filter((d) => d.document === c).length})` })),
      ),
    );
    for (const collection of collections) {
      const path = collectionIndex(collection.slug, lang);
      const sheets = items.filter((d) => d.document === collection).sort((a, b) => a.title.localeCompare(b.title, lang));
      site.set(path, indexPage(path, collectionTitle(sheets[0]!, templates), [{ id: 'sheets', title: strings['site_collections']!, items: sheets }], []));
    }
    // The feeds announce releases and reviews; a collection's sheets are reference pages, listed on the indexes only.
    const feed = (path: string, title: string, entries: readonly SiteDocument[]) =>
      templates.layout('atom', {
        lang,
        title,
        id: abs(path),
        self: abs(path),
        index: abs(indexPath),
        updated: entries.map(updatedAt).sort().at(-1) ?? '2000-01-01T00:00:00Z',
        author: settings.publisher[lang],
        entries: entries.map((d) => ({
          title: d.title,
          id: abs(sitePath.get(d.path)!),
          html: abs(sitePath.get(d.path)!),
          pdf: abs(sitePath.get(d.path.replace(/\.html$/, '.pdf'))!),
          pdfLength: pdfBytes(d),
          published: publishedAt(d.document),
          updated: updatedAt(d),
          authors: d.issuers,
          summary: d.summary,
        })),
      });
    site.set(`feeds/${lang}.xml`, feed(`feeds/${lang}.xml`, `${settings.name[lang]} – ${strings['site_feed']!}`, feedItems));
    for (const issuer of issuerFeeds) {
      site.set(issuer.path, feed(issuer.path, `${settings.name[lang]} – ${issuer.name}`, feedItems.filter((d) => d.document.settings.issuers.includes(issuer.id))));
    }
  }
  site.set('index.html', String(site.get('fr/index.html')).replace(/(href|src)="\.\.\//g, '$1="'));
  site.set('404.html', notFoundPage(options));
  site.set('robots.txt', `User-agent: *\nAllow: /\n\nSitemap: ${abs('sitemap.xml')}\n`);
  const favicon = [...site.keys()].find((p) => p === 'assets/favicon.ico');
  if (favicon) site.set('favicon.ico', site.get(favicon)!);

  const indexed = sorted.filter((d) => !d.embargoed);
  // A correction's day in Paris (its instant is the start of that day there, the day before in UTC).
  const lastmod = (d: SiteDocument) => (d.updated ? formatInTimeZone(new Date(d.updated), 'Europe/Paris', 'yyyy-MM-dd') : d.document.settings.date);
  const newest = indexed.map(lastmod).sort().at(-1) ?? '2000-01-01';
  const collectionPages = settings.collections === 'own-page' ? [...new Set(indexed.filter((d) => d.document.kind === 'collection').map((d) => d.document))] : [];
  const urls: SitemapUrl[] = [
    ...LANGS.map((lang) => ({ loc: abs(`${lang}/index.html`), lastmod: newest, alternates: LANGS.map((l) => ({ lang: l, href: abs(`${l}/index.html`) })) })),
    ...collectionPages.flatMap((c) => LANGS.map((lang) => ({ loc: abs(collectionIndex(c.slug, lang)), lastmod: indexed.filter((d) => d.document === c).map(lastmod).sort().at(-1)!, alternates: LANGS.map((l) => ({ lang: l, href: abs(collectionIndex(c.slug, l)) })) }))),
    ...indexed.map((d) => ({
      loc: abs(sitePath.get(d.path)!),
      lastmod: lastmod(d),
      // Its own versions: the same document (and the same row of a collection) in each language.
      alternates: LANGS.map((lang) => sibling(d, lang))
        .filter((o): o is SiteDocument => o !== undefined && !o.embargoed)
        .map((o) => ({ lang: o.lang, href: abs(sitePath.get(o.path)!) })),
    })),
  ];
  for (const [path, xml] of sitemaps(urls, templates, abs, options.sitemapLimits)) site.set(path, xml);

  // Content-hashed asset names, and every page pointed at them.
  const { files: hashed, names } = hashAssetNames(new Map([...site.keys()].filter((path) => path.startsWith('assets/')).map((path) => [path, site.get(path)!])));
  for (const path of [...site.keys()]) if (path.startsWith('assets/')) site.delete(path);
  for (const [path, body] of hashed) site.set(path, body);
  for (const path of [...site.keys()]) {
    if (!path.endsWith('.html') || path.startsWith('fragments/') || served.has(path)) continue;
    const page = String(site.get(path));
    const renamed = page.replace(/assets\/[A-Za-z0-9_.\/-]+\.[a-z0-9]+/g, (ref) => names.get(ref) ?? ref);
    if (renamed !== page) site.set(path, renamed);
  }
  // The assets archived pages name, as they were (their names are content hashes: they never clash with today's).
  for (const [path, body] of options.keptAssets ?? []) if (!site.has(path)) site.set(path, body);
  site.set('manifest.json', manifest(site, manifestDocuments(documents, sitePath, (d) => sibling(d, d.lang === 'fr' ? 'en' : 'fr'))));
  return { files: site };
}

/** The path of the og:image card of a page. */
function cardPath(page: string): string {
  return `cards/${page.replace(/\//g, '-').replace(/\.html$/, '.png')}`;
}

/** When a document last changed: its correction, or when it became public. */
function updatedAt(doc: SiteDocument): string {
  return doc.updated ?? publishedAt(doc.document);
}

/** The label of a collection's sheets ("Fiche territoire"). */
function collectionKind(doc: SiteDocument): string {
  const kind = doc.document.kind === 'collection' ? doc.document.settings.kind : undefined;
  return kind ? kind[doc.lang] : doc.document.slug;
}

/** The title of a collection's index page ("Fiche territoire : toutes les fiches"). */
function collectionTitle(doc: SiteDocument, templates: Templates): string {
  const strings = templates.strings[doc.lang];
  return `${collectionKind(doc)}${doc.lang === 'fr' ? '\u00A0: ' : ': '}${strings['site_collection_all']!}`;
}

/** Every issuer of some document, by id, in the order they first appear, with its name in the documents' language. */
function issuersOf(docs: readonly SiteDocument[]): Array<{ id: string; name: string }> {
  const seen = new Map<string, string>();
  for (const doc of docs) doc.document.settings.issuers.forEach((id, i) => seen.has(id) || seen.set(id, doc.issuers[i] ?? id));
  return [...seen].map(([id, name]) => ({ id, name }));
}

/**
 * The CMS fragment of a document: one `<article lang>` holding its kind, date, title (always), issuers and content,
 * the same shape for every kind; charts drop their fixed sizes to fit the column.
 */
function fragmentOf(tree: Root, doc: SiteDocument): Root | undefined {
  const main = find(tree, 'main');
  if (!main) return undefined;
  const cover = findAll(tree, (e) => hasClass(e, 'cover__main'))[0];
  const children = structuredClone([...(cover?.children ?? []), ...main.children]);
  const article: Element = {
    type: 'element',
    tagName: 'article',
    properties: { lang: doc.lang, className: ['communique-fragment', `communique-fragment--${doc.document.kind}`] },
    children,
  };
  const root: Root = { type: 'root', children: [article] };
  for (const svg of findAll(root, (e) => e.tagName === 'svg')) {
    delete svg.properties['width'];
    delete svg.properties['height'];
  }
  return root;
}

/**
 * The 404 page, in French with its English text beside it. It is served at any address, so its links start with
 * the base URL's path ("/salle-de-presse/fr/index.html"): they hold on the site's host and on a copy of it.
 */
function notFoundPage(options: SiteOptions): string {
  const { templates, settings } = options;
  const abs = (path: string) => `${new URL(options.baseUrl).pathname}${path}`;
  const en = templates.strings.en;
  const context = {
    lang: 'fr',
    otherLang: 'en',
    otherHref: abs('en/index.html'),
    home: abs('fr/index.html'),
    sitemap: abs('sitemap.xml'),
    site: {
      name: settings.name.fr,
      publisher: settings.publisher.fr,
      blocMarque: settings.blocMarque,
      legalNotice: settings.legalNotice,
      personalData: settings.personalData,
      accessibility: { url: settings.accessibility.url, text: templates.strings.fr[`site_accessibility_${settings.accessibility.status}`] },
    },
  };
  return templates.layout('site-404', {
    ...context,
    title: `${templates.strings.fr['site_not_found_title']!} – ${settings.name.fr}`,
    stylesheets: [abs('assets/dsfr.css'), abs('assets/communique.css'), abs('assets/site.css')],
    siteHead: templates.partial('site-head', { lang: 'fr', root: abs(''), image: null, imageAlt: '' }),
    before: templates.partial('site-skiplinks', context) + templates.partial('site-header', context),
    after: templates.partial('site-footer', context),
    english: { title: en['site_not_found_title'], error: en['site_not_found_error'], text: en['site_not_found_text'], home: en['site_not_found_home'], homeHref: abs('en/index.html') },
  });
}

/** What the manifest says of each document: kind, language, title, date, issuers, and its files. */
function manifestDocuments(documents: readonly SiteDocument[], sitePath: ReadonlyMap<string, string>, other: (doc: SiteDocument) => SiteDocument | undefined): ManifestDocument[] {
  return documents.map((doc) => {
    const html = sitePath.get(doc.path)!;
    const alternate = other(doc);
    return {
      kind: doc.document.kind,
      lang: doc.lang,
      title: doc.title,
      date: doc.document.settings.date,
      published: publishedAt(doc.document),
      ...(doc.updated ? { updated: doc.updated } : {}),
      ...(doc.version === undefined ? {} : { version: doc.version }),
      ...(doc.earlier?.length ? { earlier: doc.earlier.map((v) => `documents/${publishedName(doc.document, doc.lang, doc.row, v.version)}.html`) } : {}),
      issuers: doc.issuers,
      ...(doc.row === undefined ? {} : { row: doc.row }),
      embargoed: doc.embargoed,
      html,
      pdf: html.replace(/\.html$/, '.pdf'),
      fragment: `fragments/${siteName(doc)}.html`,
      alternate: alternate ? sitePath.get(alternate.path)! : null,
    };
  });
}

function html(text: string): ElementContent[] {
  return fromHtml(text, { fragment: true }).children as ElementContent[];
}

function hasClass(element: Element, name: string): boolean {
  const classes = element.properties['className'];
  return Array.isArray(classes) && classes.includes(name);
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
      const built = posix.normalize(posix.join(posix.dirname(from), path!));
      // An earlier version of a corrected document is named by its site path already (documents/<name>-v1.html).
      const target = sitePath.get(built) ?? (built.startsWith('documents/') ? built : undefined);
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
