import { statusKey } from '../../approval/quote-status.js';
import type { Component } from '../component.js';
import { lookup } from './lookup.js';
import { report } from '../../core/messages.js';

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
    const status = context.statuses?.get(statusKey(id, context.lang));
    const draft = status !== undefined && status.status !== 'approved';
    if (status && draft) {
      const cabinet = status.cabinet ? context.project.contacts.get(status.cabinet)?.label.fr ?? status.cabinet : 'its cabinet';
      report(
        context.file,
        `The quote "${id}" (${context.lang}) is ${status.status === 'stale' ? 'changed since its approval' : 'not approved yet'}: it is printed as a draft. Ask ${cabinet} to approve it (\`communique packet ${status.cabinet ?? '--all'}\`, then \`communique approve ${id} --lang ${context.lang} --by ${status.cabinet ?? '…'} --code …\`).`,
        'quote-not-approved',
        'warning',
        context.place,
      );
    }
    const html = context.templates.partial('quote', {
      draft,
      lang: context.lang,
      id,
      paragraphs: entry.text[context.lang].split(/\n\s*\n/).map((p) => p.replace(/\s+/g, ' ').trim()),
      name: speaker.name,
      role: speaker.role[context.lang],
    });
    return { html, ids: [id, speaker.id] };
  },
};
