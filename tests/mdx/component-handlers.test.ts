import type { Element } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type { Root } from 'mdast';
import { toHast } from 'mdast-util-to-hast';
import { describe, expect, it } from 'vitest';
import { componentHandlers } from '../../src/mdx/component-handlers.js';
import type { ComponentNode } from '../../src/mdx/data.js';

const at = (line: number, start: number, end: number) => ({ start: { line, column: start }, end: { line, column: end } });

/** A component as remarkResolveComponents leaves it: its partial's element, and the content it wraps. */
function lead(children: ComponentNode['children']): ComponentNode {
  const slot: Element = { type: 'element', tagName: 'communique-slot', properties: {}, children: [] };
  const label: Element = { type: 'element', tagName: 'span', properties: { className: ['label'] }, children: [{ type: 'text', value: 'Chapô' }] };
  const element: Element = { type: 'element', tagName: 'div', properties: { className: ['lead'] }, children: [label, slot] };
  return { type: 'communiqueComponent', name: 'Lead', element, children, position: at(3, 1, 40) };
}

describe('componentHandlers', () => {
  it('should turn a component into its partial’s element, its content in the slot, at the component’s place', () => {
    const paragraph = { type: 'paragraph' as const, children: [{ type: 'text' as const, value: 'Le texte.', position: at(4, 1, 10) }], position: at(4, 1, 10) };
    const tree: Root = { type: 'root', children: [lead([paragraph, { ...paragraph, position: at(6, 1, 10) }])] };
    const hast = toHast(tree, { handlers: componentHandlers });
    expect(toHtml(hast)).toBe('<div class="lead"><span class="label">Chapô</span><p>Le texte.</p>\n<p>Le texte.</p></div>');
    const element = hast.type === 'root' ? (hast.children[0] as Element) : undefined;
    expect(element?.position?.start.line).toBe(3);
    // The partial's own nodes take the component's place; its content keeps its own.
    const [label, first] = element!.children as Element[];
    expect(label!.position?.start.line).toBe(3);
    expect(label!.children[0]!.position?.start.line).toBe(3);
    expect(first!.position?.start.line).toBe(4);
  });

  it('should leave an empty element for a component that could not render', () => {
    const element: Element = { type: 'element', tagName: 'span', properties: {}, children: [] };
    const tree: Root = { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'communiqueComponent', name: undefined, element, children: [] }] }] };
    expect(toHtml(toHast(tree, { handlers: componentHandlers }))).toBe('<p><span></span></p>');
  });
});
