import { formatFigure } from '../../locale/format-number.js';
import type { Component } from '../component.js';
import { lookup } from './lookup.js';

/** `<Indicator id="…" [label] [form="long"] />`: a figure from data/indicators.yaml, formatted for the language. */
export const indicator: Component = {
  name: 'Indicator',
  usage: '<Indicator id="actions" /> writes a figure of data/indicators.yaml; add `label` for its label, form="long" for "millions d’euros"',
  attributes: {
    id: { type: 'string', required: true },
    label: { type: 'boolean' },
    form: { type: 'string', values: ['short', 'long'] },
  },
  placement: 'both',
  render(context) {
    const id = String(context.attributes.id);
    const entry = lookup(context, context.project.indicators, id, 'indicator', 'data/indicators.yaml');
    if (!entry) return undefined;
    const form = context.attributes.form === 'long' ? 'long' : 'short';
    const html = context.templates.partial('indicator', {
      lang: context.lang,
      id,
      value: formatFigure(entry.value, entry.unit, context.lang, { form }),
      label: context.attributes.label ? entry.label[context.lang] : null,
    });
    return { html, ids: [id] };
  },
};
