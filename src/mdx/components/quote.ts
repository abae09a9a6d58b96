import type { Component } from '../component.js';
import { lookup } from './lookup.js';

/** `<Quote id="…" />`: a minister's quote from data/quotes.yaml, with speaker and role. */
export const quote: Component = {
  name: 'Quote',
  usage: '<Quote id="ferracci_bilan" /> shows a quote of data/quotes.yaml with its speaker',
  attributes: { id: { type: 'string', required: true } },
  placement: 'block',
  render(context) {
    const id = String(context.attributes.id);
    const entry = lookup(context, context.project.quotes, id, 'quote', 'data/quotes.yaml');
    if (!entry) return undefined;
    const speaker = context.project.people.get(entry.speaker);
    if (!speaker) return undefined; // reported when the data was loaded
    const html = context.templates.partial('quote', {
      lang: context.lang,
      id,
      paragraphs: entry.text[context.lang].split(/\n\s*\n/).map((p) => p.replace(/\s+/g, ' ').trim()),
      name: speaker.name,
      role: speaker.role[context.lang],
    });
    return { html, ids: [id, speaker.id] };
  },
};
