import { formatFigure } from '../../locale/format-number.js';
import type { Component } from '../component.js';
import { lookup } from './lookup.js';

/** `<KeyFigures ids="a b c" />`: the "En chiffres / Key figures" block. */
export const keyFigures: Component = {
  name: 'KeyFigures',
  usage: '<KeyFigures ids="territoires_labellises actions" /> shows indicators as an "En chiffres" block',
  attributes: { ids: { type: 'string', required: true } },
  placement: 'block',
  render(context) {
    const ids = String(context.attributes.ids).split(/[\s,]+/).filter(Boolean);
    if (ids.length === 0) {
      context.error('Empty "ids": expected the ids of one or more indicators, separated by spaces.', 'invalid-attribute');
      return undefined;
    }
    const items = [];
    for (const id of ids) {
      const entry = lookup(context, context.project.indicators, id, 'indicator', 'data/indicators.yaml');
      if (entry) items.push({ id, value: formatFigure(entry.value, entry.unit, context.lang), label: entry.label[context.lang] });
    }
    if (items.length !== ids.length) return undefined;
    return { html: context.templates.partial('key-figures', { lang: context.lang, items }), ids };
  },
};
