import { fieldSlot } from '../../render/render-sheet.js';
import type { Component } from '../component.js';

/**
 * `<Field name="…" [form="long"] />`: a field of the row a collection's sheet is made from. The body of a collection
 * is processed once per language: the field stands as a slot, an element that each sheet replaces by its
 * row's value (see renderSheet).
 */
export const field: Component = {
  name: 'Field',
  usage: '<Field name="emplois" /> writes the value of a field of the row, in a collection\'s sheet; form="long" for "millions d’euros"',
  attributes: {
    name: { type: 'string', required: true },
    form: { type: 'string', values: ['short', 'long'] },
  },
  placement: 'inline',
  render(context) {
    const name = String(context.attributes.name);
    const document = context.document;
    if (document.kind !== 'collection') {
      context.error(`<Field name="${name}" /> writes a value of a dataset's row: it belongs in the text of a collection (collections/<slug>/fr.mdx), not in a ${document.kind}. Cite a figure of the data with <Indicator id="…" /> instead.`, 'unknown-id');
      return undefined;
    }
    if (!document.fields.has(name)) {
      const known = [...document.fields.keys()].map((f) => `"${f}"`).join(', ');
      context.error(`Unknown field "${name}": expected one of the fields of ${document.source.file} (${known}).`, 'unknown-id');
      return undefined;
    }
    const form = context.attributes.form === 'long' ? 'long' : 'short';
    return { element: fieldSlot({ name, form }), ids: [] };
  },
};
