import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VFile } from 'vfile';
import { build, documentDate } from '../build.js';
import { openStaging } from '../output/staging.js';
import { printPages } from '../pdf/print-pages.js';
import { sharedAssets } from '../render/assets.js';
import { hasErrors } from '../render/render-project.js';
import { relinkPdf } from '../pdf/pdf-links.js';
import { assembleSite, publishedLinks, siteName, type SiteDocument } from './assemble-site.js';
import { isEmbargoed } from './embargo.js';
import { manifest } from './manifest.js';

/** Options of publish. */
export interface PublishOptions {
  readonly content: string;
  /** The folder the site is written to (its parent holds the staging). */
  readonly out: string;
  /** The site's public address, ending with "/". */
  readonly baseUrl: string;
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
}

/** Runs the final build and writes the static site, swapped into place only when all of it succeeded. */
export async function publish(options: PublishOptions): Promise<PublishResult> {
  const work = await mkdtemp(join(tmpdir(), 'communique-publish-'));
  try {
    const built = await build({ content: options.content, out: join(work, 'build'), final: true, pdf: true });
    if (hasErrors(built.files)) return { files: built.files, written: [], held: [] };
    const rendered = built.rendered;
    const templates = rendered.templates!;
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
      documents.push({ document: doc.document, lang: doc.lang, title: doc.page.title, summary: doc.page.subject, path: doc.path, embargoed, ...(doc.row === undefined ? {} : { row: doc.row }) });
    }
    const issuer = rendered.project?.organisations.values().next().value;
    const site = await assembleSite(documents, products, {
      baseUrl: options.baseUrl,
      templates,
      blocMarque: issuer?.bloc_marque ?? null,
      siteName: issuer?.name.fr ?? 'communiqué',
    });
    // A document published under embargo carries its banner in the PDF too: print its site page again.
    const embargoed = documents.filter((d) => d.embargoed);
    if (embargoed.length > 0) {
      const assets = await sharedAssets(templates);
      const pages = embargoed.map((d) => {
        const page = rendered.documents.find((r) => r.path === d.path)!.page;
        const path = `documents/${siteName(d)}.html`;
        return { path, html: String(site.get(path)), metadata: { ...page, lang: d.lang, date: documentDate(d.document.settings.date) } };
      });
      await printPages(pages, assets, async (path, pdf) => {
        // Printed from the site's page: its links are relative to it, and lead to the published addresses.
        site.set(path, await relinkPdf(pdf, publishedLinks(path, () => undefined, options.baseUrl)));
      });
      site.delete('manifest.json');
      site.set('manifest.json', manifest(site));
    }
    const staging = await openStaging(options.out);
    try {
      for (const [path, body] of site) await staging.write(`site/${path}`, body);
      return { files: built.files, written: await staging.commit(), held };
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
