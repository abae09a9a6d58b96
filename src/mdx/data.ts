import type { Element } from 'hast';
import type { BlockContent, DefinitionContent, Parent, PhrasingContent } from 'mdast';
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
 * A component resolved by remarkResolveComponents: the element its partial renders, and the content it wraps
 * (`<Lead>…</Lead>`), still mdast. Its handler (componentHandlers) puts that content in the element's slot, at the
 * component's place. A component that could not render stands as an empty element (its error is reported).
 */
export interface ComponentNode extends Parent {
  readonly type: 'communiqueComponent';
  /** The component's name ("Indicator"), or undefined for the stand-in of one that could not render. */
  readonly name: string | undefined;
  /** The markup of its partial, as hast; a `communique-slot` element marks where its content goes. */
  readonly element: Element;
  /** The content it wraps, its own components resolved; empty for a component without content. */
  children: Array<BlockContent | DefinitionContent | PhrasingContent>;
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
