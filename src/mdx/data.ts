import type { ElementContent, Properties } from 'hast';
import type { Data, Node } from 'mdast';
import type { Position } from 'unist';
import type { Lang } from '../locale/lang.js';
import type { Document } from '../load/project.js';

/** One use of a component in a body, in document order. */
export interface ComponentUse {
  readonly name: string;
  /** The data ids it cites (indicator, quote, person…). */
  readonly ids: readonly string[];
  readonly place: Position | undefined;
  /** The date its indicators are cited at, when the component names one (`at="…"`); else the document's date. */
  readonly at?: string;
}

/**
 * A component resolved to its markup (by remarkResolveComponents): an mdast node that mdast-util-to-hast turns into
 * the element its data names, with that element's children, at the component's place.
 */
export interface ComponentNode extends Node {
  readonly type: 'communiqueComponent';
  data: Data & { hName: string; hProperties?: Properties; hChildren: ElementContent[] };
}

declare module 'mdast' {
  interface RootContentMap {
    communiqueComponent: ComponentNode;
  }
  interface BlockContentMap {
    communiqueComponent: ComponentNode;
  }
  interface PhrasingContentMap {
    communiqueComponent: ComponentNode;
  }
}

declare module 'vfile' {
  interface DataMap {
    /** Language of the body being processed. */
    lang: Lang;
    /** The document the body belongs to. */
    document: Document;
    /** The components the body uses, in order (filled by remarkResolveComponents). */
    components: ComponentUse[];
  }
}
