import type { Component } from '../component.js';
import { lookup } from './lookup.js';

/** `<Person id="…" [role] />`: a person's name from data/people.yaml, with their official role if asked. */
export const person: Component = {
  name: 'Person',
  usage: '<Person id="marc_ferracci" role /> writes a name from data/people.yaml, with the official role when `role` is given',
  attributes: { id: { type: 'string', required: true }, role: { type: 'boolean' } },
  placement: 'inline',
  render(context) {
    const id = String(context.attributes.id);
    const entry = lookup(context, context.project.people, id, 'person', 'data/people.yaml');
    if (!entry) return undefined;
    const html = context.templates.partial('person', {
      lang: context.lang,
      id,
      name: entry.name,
      role: context.attributes.role ? entry.role[context.lang] : null,
    });
    return { html, ids: [id] };
  },
};
