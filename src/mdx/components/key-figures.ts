import { formatFigure } from '../../locale/format-number.js';
import type { Component } from '../component.js';
import { citeValue } from './cite-value.js';
import { lookup } from './lookup.js';

/** `<KeyFigures ids="a b c" [at="YYYY-MM-DD"] />`: the "En chiffres / Key figures" block, values as of the document's date (or `at`). */
export const keyFigures: Component = {
  name: 'KeyFigures',
  usage: '<KeyFigures ids="territoires_labellises actions" /> shows indicators as an "En chiffres" block',
  attributes: { ids: { type: 'string', required: true }, at: { type: 'string' } },
  placement: 'block',
  render(context) {
    const ids = String(context.attributes.ids).split(/[\s,]+/).filter(Boolean);
    if (ids.length === 0) {
      context.error('Empty "ids": expected the ids of one or more indicators, separated by spaces.', 'invalid-attribute');
      return undefined;
    }
    const at = context.attributes.at === undefined ? undefined : String(context.attributes.at);
    const items = [];
    for (const id of ids) {
      const found = lookup(context, context.project.indicators, id, 'indicator', 'data/indicators.yaml');
      const entry = found && citeValue(context, found, at, (date) => `<KeyFigures ids="${ids.join(' ')}" at="${date}" />`);
      if (entry) items.push({ id, value: formatFigure(entry.value, entry.unit, context.lang), label: entry.label[context.lang] });
    }
    if (items.length !== ids.length) return undefined;
    return { html: context.templates.partial('key-figures', { lang: context.lang, items }), ids, ...(at !== undefined ? { at } : {}) };
  },
};
