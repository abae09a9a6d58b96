import type { Root } from 'hast';
import type { VFile } from 'vfile';
import type { Lang } from '../locale/lang.js';
import type { RenderCache } from '../core/cache.js';
import type { Document, Part, Project } from '../load/project.js';
import type {} from '../mdx/data.js';
import type {} from '../mdx/remark-collect-prose.js';
import { sourceText, type SourceText } from '../load/source-text.js';
import { yamlPlaces, type YamlPlaces } from '../load/yaml-places.js';

/** A body after the document processor: its file carries the components, prose and links it holds. */
export interface CheckedBody {
  readonly document: Document;
  /** The text of the document it is a version of (a release's body, a review's chapter). */
  readonly part: Part;
  readonly lang: Lang;
  readonly file: VFile;
  /** The body as hast, undefined when the body has errors. */
  readonly tree: Root | undefined;
}

/** What the checks run over. */
export interface CheckInput {
  readonly project: Project;
  readonly bodies: readonly CheckedBody[];
  /** Every loaded file (data files and release.yaml included); messages about data go on them. */
  readonly files: readonly VFile[];
  /** The HTML of the whole page a body is rendered into, when it can be rendered (default: the body's own HTML). */
  readonly pageHtml?: (body: CheckedBody) => string | undefined;
  /** A session's cache, for what rules compute from a text alone (default none). */
  readonly cache?: RenderCache;
}

/** A YAML file of the content with its places. */
export interface DataFile {
  readonly file: VFile;
  readonly places: YamlPlaces;
}

/** What every rule gets. */
export interface CheckContext extends CheckInput {
  /** The YAML file loaded from `path` (as in `source.file`), with its places. */
  data(path: string): DataFile | undefined;
  /** The processed body of a part of a document in a language, when it was processed. */
  body(part: Part, lang: Lang): CheckedBody | undefined;
  /** The source text of a body, to turn offsets into lines and columns. */
  source(body: CheckedBody): SourceText;
}

/** Wraps the input of the checks with lookups shared by the rules. */
export function createCheckContext(input: CheckInput): CheckContext {
  const places = new Map<string, DataFile | undefined>();
  const sources = new Map<VFile, SourceText>();
  return {
    ...input,
    data(path) {
      if (!places.has(path)) {
        const file = input.files.find((f) => f.path === path);
        places.set(path, file ? { file, places: yamlPlaces(String(file.value ?? ''), file.data.yamlDocument) } : undefined);
      }
      return places.get(path);
    },
    body(part, lang) {
      return input.bodies.find((b) => b.part === part && b.lang === lang);
    },
    source(body) {
      let source = sources.get(body.file);
      if (!source) sources.set(body.file, (source = sourceText(String(body.file.value))));
      return source;
    },
  };
}
