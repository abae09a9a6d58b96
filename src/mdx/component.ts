import type { Element } from 'hast';
import type { Position } from 'unist';
import type { VFile } from 'vfile';
import type { Lang } from '../locale/lang.js';
import type { Document, Project } from '../load/project.js';
import type { QuoteStatus } from '../approval/quote-status.js';
import type { Templates } from '../render/create-templates.js';
import type { ChartRenderer } from '../render/render-chart.js';
import type { RuleId } from '../core/rules.js';

/** How an attribute of a component is written. */
export interface AttributeSpec {
  /** "string": name="value"; "boolean": the bare name. */
  readonly type: 'string' | 'boolean';
  /** Whether the attribute must be given (default false). */
  readonly required?: boolean;
  /** The accepted values of a string attribute (default: any). */
  readonly values?: readonly string[];
}

/** The attribute values given to a component, after validation. */
export type Attributes = Readonly<Record<string, string | true | undefined>>;

/** What a component gets to render itself. */
export interface RenderContext {
  readonly project: Project;
  readonly templates: Templates;
  readonly lang: Lang;
  readonly document: Document;
  readonly attributes: Attributes;
  readonly file: VFile;
  readonly place: Position | undefined;
  /** Approval status of each quote × language (see quoteStatuses), when approvals are tracked. */
  readonly statuses: ReadonlyMap<string, QuoteStatus> | undefined;
  /** Renders the charts of data/charts.yaml (once per chart and language). */
  readonly charts: ChartRenderer;
  /** Reports a content error at the component (or at `place`); the component then renders nothing. */
  error(reason: string, ruleId: RuleId): void;
}

/** What a component renders to: markup from its partial (or an element of its own), and the data ids it cites. */
export type Rendered = ({ readonly html: string } | { readonly element: Element }) & {
  readonly ids: readonly string[];
  /** The date the component cites its indicators at (its `at` attribute), when not the document's. */
  readonly at?: string;
};

/** An MDX component of the authors' vocabulary. */
export interface Component {
  readonly name: string;
  /** One-line description, shown in messages about unknown components. */
  readonly usage: string;
  readonly attributes: Readonly<Record<string, AttributeSpec>>;
  /** Where it may stand: in a sentence ("inline"), as a block ("block"), or both. */
  readonly placement: 'inline' | 'block' | 'both';
  /** Whether it wraps content (`<Lead>…</Lead>`); the partial receives it as `content` (default false). */
  readonly children?: boolean;
  /** Renders the component; a chart waits for its drawing. */
  render(context: RenderContext): Rendered | undefined | Promise<Rendered | undefined>;
}

/** The marker a partial's `{{{content}}}` receives, replaced by the component's rendered children. */
export const SLOT = '<communique-slot></communique-slot>';
