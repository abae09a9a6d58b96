import type { Element, ElementContent } from 'hast';
import type { Handlers, State } from 'mdast-util-to-hast';
import type { Position } from 'unist';
import type { ComponentNode } from './data.js';

/** The mdast-util-to-hast handlers of our nodes (the `handlers` option of remark-rehype). */
export const componentHandlers: Handlers = { communiqueComponent };

/**
 * A resolved component becomes the element of its partial: the content it wraps goes in its slot, and every node
 * of the partial takes the component's place (a message about the markup points at the component in the source).
 */
export function communiqueComponent(state: State, node: ComponentNode): Element {
  const element = node.element;
  if (node.children.length > 0) fillSlot(element, state.wrap(state.all(node)));
  patchPositions(element, node.position);
  state.patch(node, element);
  return element;
}

/** Puts `content` where the partial wrote `{{{content}}}` (the `communique-slot` element). */
function fillSlot(element: Element, content: ElementContent[]): void {
  element.children = element.children.flatMap((child) => {
    if (child.type !== 'element') return [child];
    if (child.tagName === 'communique-slot') return content;
    fillSlot(child, content);
    return [child];
  });
}

function patchPositions(element: Element, place: Position | undefined): void {
  if (!place) return;
  const patch = (node: ElementContent) => {
    if (!node.position) node.position = place;
    if (node.type === 'element') node.children.forEach(patch);
  };
  element.children.forEach(patch);
}
