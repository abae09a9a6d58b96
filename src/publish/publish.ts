import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VFile } from 'vfile';
import { build } from '../pipeline/build.js';
import { pdfMetadata } from '../pipeline/print.js';
import { openStaging } from '../output/staging.js';
import { printPages } from '../pdf/print-pages.js';
import { sharedAssets, siteAssets } from '../render/assets.js';
import type { SiteData } from '../load/schema.js';
import { DEFAULT_TEMPLATES, type Templates } from '../render/create-templates.js';
import { hasErrors } from '../pipeline/render-project.js';
import { relinkPdf } from '../pdf/pdf-links.js';
import { assembleSite, publishedLinks, siteName, type SiteDocument, type SiteSettings } from './assemble-site.js';
import { isEmbargoed } from './embargo.js';
import { manifest, type ManifestDocument } from './manifest.js';

/** Options of publish. */
export interface PublishOptions {
  readonly content: string;
  /** The folder the site is written to (its parent holds the staging). */
  readonly out: string;
  /** The site's public address, ending with "/" (default: content/site.yaml's base_url, else `fallbackBaseUrl`). */
  readonly baseUrl?: string;
  /** The address used when neither --base-url nor site.yaml gives one. */
  readonly fallbackBaseUrl: string;
  /** The time embargoes are compared with. */
  readonly now: Date;
  /** Whether documents still under embargo are published too, with a banner and noindex (default false). */
  readonly includeEmbargoed?: boolean;
}

/** What publish did: every file's messages, the files of the site, and the documents held back by an embargo. */
export interface PublishResult {
  readonly files: VFile[];
  readonly written: readonly string[];
  readonly held: readonly string[];
  /** The public address the site was written for. */
  readonly baseUrl: string;
  /** Whether the content has no site.yaml (the site's name, publisher and footer links are defaults). */
  readonly defaultSettings: boolean;
}

/** Runs the final build and writes the static site, swapped into place only when all of it succeeded. */
export async function publish(options: PublishOptions): Promise<PublishResult> {
  const work = await mkdtemp(join(tmpdir(), 'communique-publish-'));
  try {
    const built = await build({ content: options.content, out: join(work, 'build'), final: true, pdf: true });
    if (hasErrors(built.files)) return { files: built.files, written: [], held: [], baseUrl: options.baseUrl ?? options.fallbackBaseUrl, defaultSettings: false };
    const rendered = built.rendered;
    const templates = rendered.templates!;
    const project = rendered.project!;
    const products = await readTree(join(work, 'build'));

    const held: string[] = [];
    const documents: SiteDocument[] = [];
    for (const doc of rendered.documents) {
      const embargo = doc.document.kind === 'release' ? doc.document.settings.embargo : undefined;
      const embargoed = isEmbargoed(embargo, options.now);
      if (embargoed && !options.includeEmbargoed) {
        held.push(doc.path);
        continue;
      }
      const organisations = doc.document.settings.issuers.map((id) => project.organisations.get(id)!);
      documents.push({
        document: doc.document,
        lang: doc.lang,
        title: doc.page.title,
        summary: doc.page.subject,
        issuers: organisations.map((o) => o.name[doc.lang]),
        path: doc.path,
        embargoed,
        ...(doc.row === undefined ? {} : { row: doc.row }),
      });
    }
    const baseUrl = withSlash(options.baseUrl ?? project.site?.base_url ?? options.fallbackBaseUrl);
    const assembled = await assembleSite(documents, products, {
      baseUrl,
      templates,
      settings: siteSettings(project.site, baseUrl, templates),
      siteAssets: new Map([...(await siteAssets(DEFAULT_TEMPLATES))].map(([path, asset]) => [path, asset.body])),
    });
    const site = assembled.files;
    // A document published under embargo carries its banner in the PDF too: print its page again, with the banner.
    const embargoed = documents.filter((d) => d.embargoed);
    if (embargoed.length > 0) {
      const assets = await sharedAssets(templates);
      const pages = embargoed.map((d) => {
        const path = `documents/${siteName(d)}.html`;
        return { path, html: assembled.reprint.get(path)!, metadata: pdfMetadata(rendered.documents.find((r) => r.path === d.path)!) };
      });
      await printPages(pages, assets, async (path, pdf) => {
        // Printed from the site's address: its links are relative to it, and lead to the published addresses.
        site.set(path, await relinkPdf(pdf, publishedLinks(path, () => undefined, baseUrl)));
      });
      const manifestText = JSON.parse(String(site.get('manifest.json'))) as { documents: ManifestDocument[] };
      site.set('manifest.json', manifest(site, manifestText.documents.map(({ files: _files, ...doc }: ManifestDocument & { files?: unknown }) => doc)));
    }
    const staging = await openStaging(options.out);
    try {
      for (const [path, body] of site) await staging.write(`site/${path}`, body);
      return { files: built.files, written: await staging.commit(), held, baseUrl, defaultSettings: project.site === undefined };
    } catch (error) {
      await staging.discard();
      throw error;
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Every file below a build's output folder, by path (its sections followed through their links). */
async function readTree(root: string): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  for (const section of (await readdir(root)).filter((name) => !name.startsWith('.'))) {
    for (const entry of await readdir(join(root, section), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const full = join(entry.parentPath, entry.name);
      files.set(`${section}/${full.slice(join(root, section).length + 1)}`, await readFile(full));
    }
  }
  return files;
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/**
 * The site's settings from content/site.yaml; without it, the default name ("Communiqués de presse"), the name as
 * publisher, the République Française bloc-marque, accessibility "non conforme" and the footer's pages at the
 * conventional addresses of the site (mentions-legales, accessibilite, donnees-personnelles).
 */
function siteSettings(site: SiteData | undefined, baseUrl: string, templates: Templates): SiteSettings {
  const name = site?.name ?? { fr: templates.strings.fr['site_name_default']!, en: templates.strings.en['site_name_default']! };
  return {
    name,
    publisher: site?.publisher ?? name,
    blocMarque: site?.bloc_marque ?? ['République', 'Française'],
    legalNotice: site?.legal_notice ?? new URL('mentions-legales', baseUrl).href,
    personalData: site?.personal_data ?? new URL('donnees-personnelles', baseUrl).href,
    accessibility: site?.accessibility ?? { status: 'none', url: new URL('accessibilite', baseUrl).href },
    collections: site?.collections ?? 'own-page',
  };
}
