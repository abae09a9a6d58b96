import { formatFigure } from '../../locale/format-number.js';
import type { Component } from '../component.js';
import { citeValue } from './cite-value.js';
import { lookup } from './lookup.js';

/**
 * `<Indicator id="…" [label] [form="long"] [at="YYYY-MM-DD"] />`: a figure from data/indicators.yaml, formatted for
 * the language; the value in force at the document's date, or at `at`.
 */
export const indicator: Component = {
  name: 'Indicator',
  usage: '<Indicator id="actions" /> writes a figure of data/indicators.yaml; add `label` for its label, form="long" for "millions d’euros"',
  attributes: {
    id: { type: 'string', required: true },
    label: { type: 'boolean' },
    form: { type: 'string', values: ['short', 'long'] },
    at: { type: 'string' },
  },
  placement: 'both',
  render(context) {
    const id = String(context.attributes.id);
    const found = lookup(context, context.project.indicators, id, 'indicator', 'data/indicators.yaml');
    const at = context.attributes.at === undefined ? undefined : String(context.attributes.at);
    const entry = found && citeValue(context, found, at, (date) => `<Indicator id="${id}" at="${date}" />`);
    if (!entry) return undefined;
    const form = context.attributes.form === 'long' ? 'long' : 'short';
    const html = context.templates.partial('indicator', {
      lang: context.lang,
      id,
      value: formatFigure(entry.value, entry.unit, context.lang, { form }),
      label: context.attributes.label ? entry.label[context.lang] : null,
    });
    return { html, ids: [id], ...(at !== undefined ? { at } : {}) };
  },
};
