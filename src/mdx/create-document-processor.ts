import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import type { Root as HastRoot } from 'hast';
import { unified } from 'unified';
import type { Position } from 'unist';
import { VFile } from 'vfile';
import { VFileMessage } from 'vfile-message';
import type { QuoteStatus } from '../approval/quote-status.js';
import type { Body, Document, Project } from '../load/project.js';
import type { Templates } from '../render/create-templates.js';
import { createChartRenderer } from '../render/render-chart.js';
import { componentHandlers } from './component-handlers.js';
import { rehypeHeadings } from './rehype-headings.js';
import { rehypeNumberCells } from './rehype-number-cells.js';
import { rehypeTypography } from './rehype-typography.js';
import { remarkCheckUrls } from './remark-check-urls.js';
import { remarkCollectProse } from './remark-collect-prose.js';
import { remarkForbidCode } from './remark-forbid-code.js';
import { remarkResolveComponents } from './remark-resolve-components.js';
import { translationBlocks } from './remark-translation-blocks.js';
import './data.js';
import { fail } from '../core/messages.js';

/**
 * A body turned into hast, stringified only in its page; `file` carries the messages and what the body holds (the
 * components it uses, its headings, links and prose). Both are plain data.
 */
export interface ProcessedBody {
  readonly file: VFile;
  /** The body as hast, or undefined when the body has errors. */
  readonly tree: HastRoot | undefined;
}

/** Turns MDX bodies of a project into hast: parsed (never evaluated), components resolved, typeset, headings listed. */
export type DocumentProcessor = (body: Body, document: Document) => Promise<ProcessedBody>;

/** Builds the unified processor once for a project; reuse the result for every body. `statuses` (default none) stamps unapproved quotes. */
export function createDocumentProcessor(project: Project, templates: Templates, options: { statuses?: ReadonlyMap<string, QuoteStatus> } = {}): DocumentProcessor {
  const blocks = translationBlocks();
  const processor = unified()
    .use(remarkParse)
    .use(remarkMdx)
    .use(remarkGfm)
    .use(remarkForbidCode)
    .use(remarkCheckUrls)
    .use(remarkCollectProse)
    .use(blocks.mark)
    .use(remarkResolveComponents, { project, templates, charts: createChartRenderer(project, templates), ...(options.statuses ? { statuses: options.statuses } : {}) })
    .use(blocks.read)
    .use(remarkRehype, { handlers: componentHandlers })
    .use(rehypeTypography)
    .use(rehypeNumberCells)
    .use(rehypeHeadings)
    .freeze();

  return async (body, document) => {
    const file = new VFile({ path: body.path, value: body.text, data: { lang: body.lang, document } });
    let tree;
    try {
      tree = processor.parse(file);
    } catch (error) {
      if (!(error instanceof VFileMessage)) throw error;
      fail(file, `MDX syntax error: ${error.reason}. Components are written <Name attribute="value" />; a literal "<" or "{" is written "\\<" or "\\{".`, 'mdx-syntax', error.place ?? placeInReason(error.reason) ?? endOf(body.text));
      return { file, tree: undefined };
    }
    const hast = await processor.run(tree, file);
    return { file, tree: file.messages.some((m) => m.fatal) ? undefined : hast };
  };
}

/** The place some parsers write only in their reason: "Expected a closing tag for `<script>` (13:1-13:9)". */
function placeInReason(reason: string): Position | undefined {
  const match = /\((\d+):(\d+)(?:-(\d+):(\d+))?\)/.exec(reason);
  if (!match) return undefined;
  const start = { line: Number(match[1]), column: Number(match[2]) };
  return { start, end: match[3] ? { line: Number(match[3]), column: Number(match[4]) } : start };
}

/** The last point of a text, for an error found at its end. */
function endOf(text: string): Position {
  const lines = text.split('\n');
  const point = { line: lines.length, column: lines.at(-1)!.length + 1 };
  return { start: point, end: point };
}
