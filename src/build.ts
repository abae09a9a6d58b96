import type { VFile } from 'vfile';
import { LANGS } from './locale/lang.js';
import { openStaging } from './output/staging.js';
import { findBrowser } from './pdf/find-browser.js';
import { printPages } from './pdf/print-pages.js';
import { sharedAssets } from './render/assets.js';
import { hasErrors, renderProject, SECTIONS, type RenderedProject, type RenderOptions } from './render/render-project.js';

export { DEFAULT_TEMPLATES, hasErrors } from './render/render-project.js';

/** Options shared by check and build. */
export type CheckOptions = RenderOptions;

/** Options of build. */
export interface BuildOptions extends CheckOptions {
  /** The output folder. */
  readonly out: string;
  /** Whether to print PDFs (default true). */
  readonly pdf?: boolean;
  /** Called after each document file is rendered, for progress. */
  readonly onProgress?: (done: number, total: number, path: string) => void;
}

/** What check and build report: every file with its messages; for a build, the files written. */
export interface BuildResult {
  readonly files: VFile[];
  readonly written: readonly string[];
}

/** What build reports, with the content it rendered (for commands that go on from a build, such as publish). */
export interface BuiltProject extends BuildResult {
  readonly rendered: RenderedProject;
}

/** Loads the content, renders every body and runs the editorial checks, reporting every problem; writes nothing. */
export async function check(options: CheckOptions): Promise<BuildResult> {
  const { files } = await renderProject(options);
  return { files, written: [] };
}

/** Builds every release and review in every language as HTML (and PDF) into the output folder, or writes nothing on error. */
export async function build(options: BuildOptions): Promise<BuiltProject> {
  const rendered = await renderProject(options);
  const templates = rendered.templates;
  if (!templates || hasErrors(rendered.files)) return { files: rendered.files, written: [], rendered };
  const executablePath = (options.pdf ?? true) ? findBrowser() : undefined;

  const assets = await sharedAssets(templates);
  const staging = await openStaging(options.out);
  try {
    for (const [path, asset] of assets) await staging.write(path, asset.body);
    const total = rendered.documents.length * (executablePath ? 2 : 1);
    let done = 0;
    const progress = (path: string) => options.onProgress?.(++done, total, path);
    for (const doc of rendered.documents) {
      await staging.write(doc.path, doc.page.html);
      progress(doc.path);
    }
    if (executablePath) {
      const pages = rendered.documents.map((doc) => ({
        path: doc.path,
        html: doc.page.html,
        metadata: { title: doc.page.title, author: doc.page.author, subject: doc.page.subject, keywords: doc.page.keywords, lang: doc.lang, date: documentDate(doc.document.settings.date) },
        ...('numbered' in doc.page ? { numbered: doc.page.numbered } : {}),
      }));
      await printPages(pages, assets, async (path, pdf) => {
        await staging.write(path, pdf);
        progress(path);
      }, executablePath);
    }
    if (options.langs && options.langs.length < LANGS.length) for (const section of Object.values(SECTIONS)) await staging.carryOver(section);
    return { files: rendered.files, written: await staging.commit(), rendered };
  } catch (error) {
    await staging.discard();
    throw error;
  }
}

/** The date written into PDFs: SOURCE_DATE_EPOCH when set, else the document's date at noon UTC. */
export function documentDate(isoDate: string, env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env['SOURCE_DATE_EPOCH'];
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return new Date(`${isoDate}T12:00:00Z`);
}
