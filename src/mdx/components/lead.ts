import type { Component } from '../component.js';
import { SLOT } from '../component.js';

/** `<Lead>…</Lead>`: the chapô, the paragraph that opens a release. */
export const lead: Component = {
  name: 'Lead',
  usage: '<Lead>…</Lead> wraps the opening paragraph (chapô)',
  attributes: {},
  placement: 'block',
  children: true,
  render(context) {
    return { html: context.templates.partial('lead', { lang: context.lang, content: SLOT }), ids: [] };
  },
};
