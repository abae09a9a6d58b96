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

/** The marker a `<Field />` leaves in a collection's processed body (see the Field component). */
const FIELD_MARKER = /<communique-field data-name="([a-z][a-z0-9_]*)" data-form="(short|long)"><\/communique-field>/g;

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

/** Wraps a collection's processed body, its fields filled from a row, in the sheet layout. */
export function renderSheet(project: Project, templates: Templates, collection: Collection, row: Row, lang: Lang, body: string, options: RenderSheetOptions = {}): SheetPage {
  const s = collection.settings;
  const filled = body.replace(FIELD_MARKER, (_, name: string, form: 'short' | 'long') => {
    const spec = collection.fields.get(name)!;
    const value = row.values.get(name);
    return templates.partial('field', { name, value: value === undefined ? null : formatField(value, spec, lang, form), type: spec.type }).trim();
  });
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
