import { fileURLToPath } from 'node:url';
import type { VFile } from 'vfile';
import { loadApprovals, type LoadedApprovals } from '../approval/load-approvals.js';
import { quoteStatuses, statusKey, type QuoteStatus } from '../approval/quote-status.js';
import type { CheckedBody } from '../check/context.js';
import { runChecks, warningsAsErrors } from '../check/run-checks.js';
import { PhoneError } from '../locale/format-phone.js';
import { LANGS, type Lang } from '../locale/lang.js';
import { loadProject } from '../load/load-project.js';
import type { Project, Release } from '../load/project.js';
import { createDocumentProcessor } from '../mdx/create-document-processor.js';
import { createTemplates, type Templates } from './create-templates.js';
import { renderRelease, type ReleasePage } from './render-release.js';

/** The templates shipped with the tool. */
export const DEFAULT_TEMPLATES = fileURLToPath(new URL('../../templates', import.meta.url));

/** Options of renderProject. */
export interface RenderOptions {
  /** The content folder. */
  readonly content: string;
  /** The languages to process (default both). */
  readonly langs?: readonly Lang[];
  /** The templates folder (default: the tool's own). */
  readonly templates?: string;
  /** Whether warnings count as errors, as for a release about to go out (`--final`; default false). */
  readonly final?: boolean;
}

/** One document in one language, rendered to its standalone page. */
export interface RenderedDocument {
  readonly release: Release;
  readonly lang: Lang;
  readonly page: ReleasePage;
  /** Path of the page below the output root, e.g. communiques/<slug>/fr.html. */
  readonly path: string;
}

/** The content rendered in memory, with every file's messages; documents only when no error stands. */
export interface RenderedProject {
  readonly files: VFile[];
  readonly project: Project | undefined;
  readonly templates: Templates | undefined;
  readonly approvals: LoadedApprovals | undefined;
  readonly statuses: ReadonlyMap<string, QuoteStatus>;
  readonly documents: readonly RenderedDocument[];
}

/** Loads, renders and checks the content: the one path shared by check, build, the preview and the packets. */
export async function renderProject(options: RenderOptions): Promise<RenderedProject> {
  const { project, files } = await loadProject(options.content);
  const empty = { files, project, templates: undefined, approvals: undefined, statuses: new Map(), documents: [] };
  if (!project || hasErrors(files)) return empty;
  const approvals = await loadApprovals(options.content, project);
  if (approvals.file.messages.length > 0) files.push(approvals.file);
  if (hasErrors(files)) return { ...empty, approvals };
  const statuses = quoteStatuses(project, approvals.records);
  const templates = await createTemplates(options.templates ?? DEFAULT_TEMPLATES);

  const processor = createDocumentProcessor(project, templates, { statuses });
  const bodies: CheckedBody[] = [];
  for (const release of project.releases) {
    for (const lang of options.langs ?? LANGS) {
      const body = release.bodies[lang];
      if (!body) continue;
      const { file, html } = await processor(body, release);
      files.push(file);
      if (html !== undefined) bodies.push({ document: release, lang, file, html });
    }
  }

  const pages = new Map<CheckedBody, ReleasePage | undefined>();
  const page = (body: CheckedBody): ReleasePage | undefined => {
    if (!pages.has(body)) pages.set(body, renderPage(project, templates, body, statuses));
    return pages.get(body);
  };
  runChecks({ project, bodies, files, pageHtml: (body) => page(body)?.html });
  if (options.final) warningsAsErrors(files);
  const result = { files, project, templates, approvals, statuses };
  if (hasErrors(files)) return { ...result, documents: [] };
  const documents = bodies.map((body) => ({
    release: body.document,
    lang: body.lang,
    page: page(body)!,
    path: `communiques/${body.document.slug}/${body.lang}.html`,
  }));
  return { ...result, documents };
}

/** The page of a body, or undefined when it cannot be rendered (an invalid phone number, reported by the checks). */
function renderPage(project: Project, templates: Templates, body: CheckedBody, statuses: ReadonlyMap<string, QuoteStatus>): ReleasePage | undefined {
  const draft = (body.file.data.components ?? []).some((use) => use.name === 'Quote' && statuses.get(statusKey(use.ids[0]!, body.lang))?.status !== 'approved');
  try {
    return renderRelease(project, templates, body.document, body.lang, body.html!, { draft });
  } catch (error) {
    if (error instanceof PhoneError) return undefined;
    throw error;
  }
}

/** Whether any file has an error (a fatal message). */
export function hasErrors(files: readonly VFile[]): boolean {
  return files.some((f) => f.messages.some((m) => m.fatal === true));
}
