import type { Element, Root as HastRoot } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import type { Parent, Root, RootContent } from 'mdast';
import type { MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import type { Plugin } from 'unified';
import type { Position } from 'unist';
import type { VFile } from 'vfile';
import type { Project } from '../load/project.js';
import { CommuniqueError } from '../core/errors.js';
import { closest } from '../core/edit-distance.js';
import type { QuoteStatus } from '../approval/quote-status.js';
import type { Templates } from '../render/create-templates.js';
import type { ChartRenderer } from '../render/render-chart.js';
import type { Attributes, Component, RenderContext } from './component.js';
import { COMPONENTS } from './components/registry.js';
import type { ComponentNode } from './data.js';
import type { RuleId } from '../core/rules.js';
import { fail as failOn } from '../core/messages.js';

/** Options of remarkResolveComponents. */
export interface ResolveComponentsOptions {
  readonly project: Project;
  readonly templates: Templates;
  /** Approval status of each quote × language (default: approvals not tracked, no draft stamps). */
  readonly statuses?: ReadonlyMap<string, QuoteStatus>;
  /** Renders the charts of the project. */
  readonly charts: ChartRenderer;
}

type JsxElement = MdxJsxFlowElement | MdxJsxTextElement;

/**
 * Replaces each component by a node holding the markup of its partial, parsed (the partial is a Handlebars
 * template: its output is HTML), and the content it wraps; unknown elements and bad attributes are errors at their place.
 */
export const remarkResolveComponents: Plugin<[ResolveComponentsOptions], Root> = (options) => {
  // The same figure or quote renders to the same markup many times: parse each distinct markup once.
  const parsed = new Map<string, Element>();
  const parse = (html: string, name: string): Element => {
    let element = parsed.get(html);
    if (!element) {
      element = singleElement(fromHtml(html, { fragment: true }), name);
      parsed.set(html, element);
    }
    return structuredClone(element);
  };
  return async (tree, file) => {
    file.data.components = [];
    await resolveChildren(tree, file, { ...options, parse });
  // Children are resolved before their parent: put the uses back in document order.
    file.data.components!.sort((a, b) => (a.place?.start.offset ?? 0) - (b.place?.start.offset ?? 0));
  };
};

/** The options with the plugin's markup parser. */
type Resolver = ResolveComponentsOptions & { readonly parse: (html: string, name: string) => Element };

async function resolveChildren(parent: Parent, file: VFile, options: Resolver): Promise<void> {
  const children: RootContent[] = [];
  for (const child of parent.children) {
    if ('children' in child) await resolveChildren(child, file, options);
    children.push(child.type === 'mdxJsxFlowElement' || child.type === 'mdxJsxTextElement' ? await resolveElement(child, file, options) : child);
  }
  parent.children = children as typeof parent.children;
}

async function resolveElement(node: JsxElement, file: VFile, options: Resolver): Promise<ComponentNode> {
  const place = node.position;
  const fail = (reason: string, ruleId: RuleId, at: Position | undefined = place): ComponentNode => {
    failOn(file, reason, ruleId, at);
    return nothing(node, place);
  };
  const name = node.name;
  if (name === null) return fail('Fragments `<>…</>` are not part of the vocabulary: remove them and keep their content.', 'unknown-component');
  const component = COMPONENTS.get(name);
  if (!component) {
    const known = [...COMPONENTS.values()].map((c) => `<${c.name} />`).join(', ');
    const hint = /^[a-z]/.test(name) ? 'HTML elements are not allowed in content' : `<${name}> is not a component`;
    // A misspelt or translated name (<Indicateur>, <Citation>…): the closest component, by edit distance.
    const suggestion = /^[A-Z]/.test(name) ? closest(name, [...COMPONENTS.keys()]) : undefined;
    const mean = suggestion ? ` (did you mean <${suggestion}>? ${COMPONENTS.get(suggestion)!.usage})` : '';
    return fail(`Unknown element <${name}>: ${hint}${mean}. The components are ${known}.`, 'unknown-component');
  }
  const inline = node.type === 'mdxJsxTextElement';
  if (component.placement === 'block' && inline && component.children) {
    return fail(`<${name}> wraps whole paragraphs: write <${name}>, its text, and </${name}> each on a line of its own. (${component.usage})`, 'component-placement');
  }
  if (component.placement === 'inline' && !inline) {
    return fail(`<${name}> goes inside a sentence, not on a line of its own: put it in the text of a paragraph. (${component.usage})`, 'component-placement');
  }
  if (component.placement === 'block' && inline) {
    return fail(`<${name}> is a block: put it on a line of its own, with a blank line before and after. (${component.usage})`, 'component-placement');
  }
  if (!component.children && node.children.length > 0) {
    return fail(`<${name}> takes no content: write it as <${name} … />. (${component.usage})`, 'invalid-attribute');
  }
  const attributes = readAttributes(node, component, file);
  if (!attributes) return nothing(node, place);

  let failed = false;
  const context: RenderContext = {
    project: options.project,
    templates: options.templates,
    lang: file.data.lang!,
    document: file.data.document!,
    attributes,
    file,
    place,
    statuses: options.statuses,
    charts: options.charts,
    error(reason, ruleId) {
      failed = true;
      failOn(file, reason, ruleId, place);
    },
  };
  const rendered = await component.render(context);
  if (!rendered || failed) return nothing(node, place);
  file.data.components!.push({ name, ids: rendered.ids, place, ...(rendered.at !== undefined ? { at: rendered.at } : {}) });

  return {
    type: 'communiqueComponent',
    name,
    element: 'element' in rendered ? rendered.element : options.parse(rendered.html, name),
    children: component.children ? node.children : [],
    ...(place ? { position: place } : {}),
  };
}

function readAttributes(node: JsxElement, component: Component, file: VFile): Attributes | undefined {
  const values: Record<string, string | true> = {};
  let ok = true;
  const fail = (reason: string, place: Position | undefined) => {
    ok = false;
    failOn(file, reason, 'invalid-attribute', place ?? node.position);
  };
  for (const attribute of node.attributes) {
    if (attribute.type !== 'mdxJsxAttribute' || (attribute.value !== null && typeof attribute.value === 'object')) {
      ok = false; // reported by remarkForbidCode
      continue;
    }
    const spec = component.attributes[attribute.name];
    if (!spec) {
      const names = Object.keys(component.attributes);
      fail(`<${component.name}> has no attribute "${attribute.name}": ${names.length ? `expected ${names.map((n) => `"${n}"`).join(', ')}` : 'it takes none'}. (${component.usage})`, attribute.position);
      continue;
    }
    if (spec.type === 'boolean') {
      if (attribute.value !== null) fail(`"${attribute.name}" is a switch: write it alone (<${component.name} … ${attribute.name} />), without a value.`, attribute.position);
      else values[attribute.name] = true;
      continue;
    }
    if (attribute.value === null || attribute.value === undefined) {
      fail(`"${attribute.name}" needs a value: write ${attribute.name}="…".`, attribute.position);
    } else if (spec.values && !spec.values.includes(attribute.value)) {
      fail(`"${attribute.name}" is "${attribute.value}": expected ${spec.values.map((v) => `"${v}"`).join(' or ')}.`, attribute.position);
    } else {
      values[attribute.name] = attribute.value;
    }
  }
  for (const [name, spec] of Object.entries(component.attributes)) {
    if (spec.required && !(name in values) && !node.attributes.some((a) => a.type === 'mdxJsxAttribute' && a.name === name)) {
      fail(`<${component.name}> needs the attribute "${name}". (${component.usage})`, node.position);
    }
  }
  return ok ? values : undefined;
}

/** An empty stand-in for a component that could not render (its error is reported). */
function nothing(node: JsxElement, place: Position | undefined): ComponentNode {
  const element: Element = { type: 'element', tagName: node.type === 'mdxJsxTextElement' ? 'span' : 'div', properties: {}, children: [] };
  return { type: 'communiqueComponent', name: undefined, element, children: [], ...(place ? { position: place } : {}) };
}

function singleElement(root: HastRoot, name: string): Element {
  const elements = root.children.filter((c): c is Element => c.type === 'element');
  const stray = root.children.some((c) => c.type === 'text' && c.value.trim() !== '');
  if (elements.length !== 1 || stray || !elements[0]) {
    throw new CommuniqueError('TemplateInvalid', `The partial of <${name}> must render exactly one root element.`, 'Wrap the partial\'s markup in one element.');
  }
  return elements[0];
}
