import type { Element, ElementContent, ElementData, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type {} from 'mdast-util-to-hast';
import type { Lang } from '../locale/lang.js';
import { formatFigure } from '../locale/format-number.js';
import { typeset } from '../locale/typography.js';
import { PLACEHOLDER } from '../load/load-rows.js';
import type { Collection, FieldValue, Project, Row } from '../load/project.js';
import type { FieldData } from '../load/schema.js';
import type { Templates } from './create-templates.js';
import { pageContext, type PageStateOptions } from './page-context.js';
import { pageFooter } from './render-release.js';
import type { ReleasePage } from './render-release.js';

/** A collection's sheet for one row: the same shape as a release's page (HTML and the PDF's metadata). */
export type SheetPage = ReleasePage;

/** Options of renderSheet. */
export interface RenderSheetOptions extends PageStateOptions {
  /** Whether a quote awaits approval: stamps the page as a draft (default false). */
  readonly draft?: boolean;
}

/** A field of the row, where a collection's body writes it (`<Field name="…" form="…" />`). */
export interface FieldSlot {
  readonly name: string;
  readonly form: 'short' | 'long';
}

declare module 'hast' {
  interface ElementData {
    /** The field of the row this element stands for, replaced in each sheet by the row's value (see renderSheet). */
    field?: FieldSlot;
  }
}

/**
 * The element a `<Field />` leaves in a collection's processed body: the body is processed once per language, and
 * each sheet puts its row's value in its place.
 */
export function fieldSlot(slot: FieldSlot): Element {
  // (hast-util-from-parse5 declares a `position` every element's data has: only its verbose parse gives one.)
  const data = { field: { ...slot } } as ElementData;
  return { type: 'element', tagName: 'communique-field', properties: {}, children: [], data };
}

/** A field's value written for a language: a figure formatted by its unit, a text as it is (typeset). */
export function formatField(value: FieldValue, spec: FieldData, lang: Lang, form: 'short' | 'long' = 'short'): string {
  if (typeof value === 'object') return typeset(value[lang], lang);
  if (typeof value === 'string') return typeset(value, lang);
  const unit = spec.type === 'eur' || spec.type === 'percent' || spec.type === 'hectare' ? spec.type : 'count';
  return formatFigure(value, unit, lang, { form });
}

/** A title or description of a collection with each {field} replaced by the row's value. */
export function fillPlaceholders(text: string, collection: Collection, row: Row, lang: Lang): string {
  const filled = text.replace(PLACEHOLDER, (whole, name: string) => {
    const spec = collection.fields.get(name);
    const value = row.values.get(name);
    return spec && value !== undefined ? formatField(value, spec, lang) : '';
  });
  return typeset(filled, lang);
}

/** Wraps a collection's processed body (left as it is), its fields filled from a row, in the sheet layout. */
export function renderSheet(project: Project, templates: Templates, collection: Collection, row: Row, lang: Lang, body: Root, options: RenderSheetOptions = {}): SheetPage {
  const s = collection.settings;
  // Each field becomes its partial's markup, written as the partial wrote it.
  const filled = toHtml(withFields(body, ({ name, form }) => {
    const spec = collection.fields.get(name)!;
    const value = row.values.get(name);
    return templates.partial('field', { name, value: value === undefined ? null : formatField(value, spec, lang, form), type: spec.type }).trim();
  }), { allowDangerousHtml: true });
  const title = fillPlaceholders(s.title[lang], collection, row, lang);
  const subject = fillPlaceholders(s.description[lang], collection, row, lang);
  const context = pageContext(project, collection, lang, { ...options, assets: '../../../assets', strings: templates.strings[lang] });
  const html = templates.layout('sheet', {
    ...context,
    title,
    description: subject,
    kindLabel: typeset(s.kind[lang], lang),
    illustrative: s.illustrative ?? false,
    row: row.id,
    body: filled,
    footer: pageFooter(project, s.footer_contact, lang, templates.strings[lang]),
    pageLabel: templates.strings[lang]['page'] ?? 'page',
  });
  return { html, title, author: context.author, subject, keywords: s.keywords[lang] };
}

/** A copy of `parent` in which each field slot is the markup `markup` gives it; the parts without a field are shared. */
function withFields<T extends Root | Element>(parent: T, markup: (slot: FieldSlot) => string): T {
  let changed = false;
  const children = parent.children.map((child): ElementContent => {
    if (child.type !== 'element') return child as ElementContent;
    const slot = child.data?.field;
    const next: ElementContent = slot ? { type: 'raw', value: markup(slot) } : withFields(child, markup);
    if (next !== child) changed = true;
    return next;
  });
  return changed ? { ...parent, children } : parent;
}
