import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { VFile } from 'vfile';
import type { CheckedBody } from './check/context.js';
import { runChecks, warningsAsErrors } from './check/run-checks.js';
import { PhoneError } from './locale/format-phone.js';
import { LANGS, type Lang } from './locale/lang.js';
import { loadProject } from './load/load-project.js';
import type { Project, Release } from './load/project.js';
import { createDocumentProcessor } from './mdx/create-document-processor.js';
import { openStaging } from './output/staging.js';
import { findBrowser } from './pdf/find-browser.js';
import { finishPdf } from './pdf/finish-pdf.js';
import { createPrinter, type AssetMap } from './pdf/printer.js';
import { truetypeFont } from './pdf/truetype-font.js';
import { createTemplates, type Templates } from './render/create-templates.js';
import { renderRelease, type ReleasePage } from './render/render-release.js';

/** The templates shipped with the tool. */
export const DEFAULT_TEMPLATES = fileURLToPath(new URL('../templates', import.meta.url));

/** Options shared by check and build. */
export interface CheckOptions {
  /** The content folder (default "content"). */
  readonly content: string;
  /** The languages to process (default both). */
  readonly langs?: readonly Lang[];
  /** The templates folder (default: the tool's own). */
  readonly templates?: string;
  /** Whether warnings count as errors, as for a release about to go out (`--final`; default false). */
  readonly final?: boolean;
}

/** Options of build. */
export interface BuildOptions extends CheckOptions {
  /** The output folder (default "output"). */
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

interface RenderedDocument {
  readonly release: Release;
  readonly lang: Lang;
  readonly page: ReleasePage;
  readonly path: string;
}

/** Loads the content, renders every body and runs the editorial checks, reporting every problem; writes nothing. */
export async function check(options: CheckOptions): Promise<BuildResult> {
  const { files } = await prepare(options);
  return { files, written: [] };
}

/** Loads, renders and checks; the documents are given only when no error stands. */
async function prepare(options: CheckOptions): Promise<{ files: VFile[]; documents: RenderedDocument[]; templates?: Templates }> {
  const { project, files } = await loadProject(options.content);
  if (!project || hasErrors(files)) return { files, documents: [] };
  const templates = await createTemplates(options.templates ?? DEFAULT_TEMPLATES);
  const bodies = await processAll(project, templates, options.langs ?? LANGS, files);
  const pages = new Map<CheckedBody, ReleasePage | undefined>();
  const page = (body: CheckedBody): ReleasePage | undefined => {
    if (!pages.has(body)) pages.set(body, renderPage(project, templates, body));
    return pages.get(body);
  };
  runChecks({ project, bodies, files, pageHtml: (body) => page(body)?.html });
  if (options.final) warningsAsErrors(files);
  if (hasErrors(files)) return { files, documents: [], templates };
  const documents = bodies.map((body) => ({
    release: body.document,
    lang: body.lang,
    page: page(body)!,
    path: `communiques/${body.document.slug}/${body.lang}.html`,
  }));
  return { files, documents, templates };
}

/** The page of a body, or undefined when it cannot be rendered (an invalid phone number, reported by the checks). */
function renderPage(project: Project, templates: Templates, body: CheckedBody): ReleasePage | undefined {
  try {
    return renderRelease(project, templates, body.document, body.lang, body.html!);
  } catch (error) {
    if (error instanceof PhoneError) return undefined;
    throw error;
  }
}

/** Builds every release in every language as HTML (and PDF) into the output folder, or writes nothing on error. */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const checked = await prepare(options);
  const templates = checked.templates;
  if (!templates || hasErrors(checked.files)) return { files: checked.files, written: [] };
  const wantPdf = options.pdf ?? true;
  const executablePath = wantPdf ? findBrowser() : undefined;

  const assets = await sharedAssets(templates);
  const pages = new Map(assets);
  if (executablePath) {
    // Chromium embeds TrueType outlines only: print with TrueType versions of the web fonts.
    for (const [path, font] of fontSources(assets)) pages.set(path, { body: await truetypeFont(font, FONT_CACHE), type: 'font/ttf' });
  }
  for (const doc of checked.documents) pages.set(doc.path, { body: doc.page.html, type: 'text/html; charset=utf-8' });

  const staging = await openStaging(options.out);
  try {
    for (const [path, asset] of assets) await staging.write(path, asset.body);
    const total = checked.documents.length * (wantPdf ? 2 : 1);
    let done = 0;
    const progress = (path: string) => options.onProgress?.(++done, total, path);
    for (const doc of checked.documents) {
      await staging.write(doc.path, doc.page.html);
      progress(doc.path);
    }
    if (executablePath) {
      const printer = await createPrinter({ executablePath });
      try {
        await Promise.all(
          checked.documents.map(async (doc) => {
            const raw = await printer.print(doc.path, pages);
            const pdf = await finishPdf(raw, { ...doc.page, lang: doc.lang, date: documentDate(doc.release.settings.date) });
            const path = doc.path.replace(/\.html$/, '.pdf');
            await staging.write(path, pdf);
            progress(path);
          }),
        );
      } finally {
        await printer.close();
      }
    }
    if (options.langs && options.langs.length < LANGS.length) await staging.carryOver('communiques');
    return { files: checked.files, written: await staging.commit() };
  } catch (error) {
    await staging.discard();
    throw error;
  }
}

/** Processes every body; gives those without errors, for the checks and the pages. */
async function processAll(project: Project, templates: Templates, langs: readonly Lang[], files: VFile[]): Promise<CheckedBody[]> {
  const processor = createDocumentProcessor(project, templates);
  const bodies: CheckedBody[] = [];
  for (const release of project.releases) {
    for (const lang of langs) {
      const body = release.bodies[lang];
      if (!body) continue;
      const { file, html } = await processor(body, release);
      files.push(file);
      if (html !== undefined) bodies.push({ document: release, lang, file, html });
    }
  }
  return bodies;
}

/** Whether any file has an error (a fatal message). */
export function hasErrors(files: readonly VFile[]): boolean {
  return files.some((f) => f.messages.some((m) => m.fatal === true));
}

/** The date written into PDFs: SOURCE_DATE_EPOCH when set, else the document's date at noon UTC. */
export function documentDate(isoDate: string, env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env['SOURCE_DATE_EPOCH'];
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return new Date(`${isoDate}T12:00:00Z`);
}

/** Where converted print fonts are kept between builds. */
const FONT_CACHE = fileURLToPath(new URL('../node_modules/.cache/communique/fonts', import.meta.url));

const require = createRequire(import.meta.url);
const DSFR_FONTS = join(dirname(require.resolve('@gouvfr/dsfr/package.json')), 'dist', 'fonts');

/** The WOFF file each served font comes from. */
function fontSources(assets: ReadonlyMap<string, unknown>): Array<[string, string]> {
  return [...assets.keys()].filter((p) => p.startsWith('assets/fonts/')).map((p) => [p, join(DSFR_FONTS, p.slice('assets/fonts/'.length).replace(/\.woff2$/, '.woff'))]);
}

/** The stylesheets and the fonts they use, served to Chromium and written under assets/. */
async function sharedAssets(templates: Templates): Promise<Map<string, { body: Uint8Array | string; type: string }>> {
  const fonts = DSFR_FONTS;
  const assets = new Map<string, { body: Uint8Array | string; type: string }>();
  for (const [name, css] of templates.styles) {
    assets.set(`assets/${name}`, { body: css, type: 'text/css; charset=utf-8' });
    for (const [, font] of css.matchAll(/url\("fonts\/([A-Za-z0-9_-]+\.woff2)"\)/g)) {
      if (!assets.has(`assets/fonts/${font}`)) assets.set(`assets/fonts/${font!}`, { body: await readFile(join(fonts, font!)), type: 'font/woff2' });
    }
  }
  return assets;
}

export type { AssetMap };
