import type { Element, ElementContent, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { formatDate } from '../locale/format-date.js';
import { LANGS, type Lang } from '../locale/lang.js';
import { typeset } from '../locale/typography.js';
import type { Project } from '../load/project.js';
import type { Templates } from './create-templates.js';
import { combinedCode } from '../approval/normalise-quote.js';
import { statusKey, type QuoteStatus } from '../approval/quote-status.js';
import { wordDiff } from '../approval/word-diff.js';

/** A rendered document page in which quotes appear, to show each quote in context. */
export interface PacketSource {
  readonly title: string;
  readonly lang: Lang;
  readonly html: string;
}

/** The approval packet of one cabinet as a standalone HTML page, and its title for the PDF. */
export interface Packet {
  readonly html: string;
  readonly title: string;
  readonly quotes: number;
}

const LANGUAGE_NAMES: Record<Lang, string> = { fr: 'Français', en: 'English' };
const STATUS_TEXT: Record<QuoteStatus['status'], string> = {
  approved: '✓ Validée — ces mots exacts sont approuvés',
  pending: '● En attente — jamais validée',
  stale: '▲ Modifiée depuis la dernière validation',
};

/** Renders the packet a cabinet signs off: each of its minister's quotes in both languages, in context, with codes. */
export function renderPacket(
  project: Project,
  templates: Templates,
  cabinet: string,
  statuses: ReadonlyMap<string, QuoteStatus>,
  sources: readonly PacketSource[],
  options: { assets?: string; date: string },
): Packet {
  const contact = project.contacts.get(cabinet)!;
  const speakers = [...project.people.values()].filter((p) => p.cabinet === cabinet);
  const quotes = [...project.quotes.values()].filter((q) => speakers.some((s) => s.id === q.speaker));
  const trees = sources.map((s) => ({ ...s, tree: fromHtml(s.html) }));

  const items = quotes.map((quote) => {
    const speaker = project.people.get(quote.speaker)!;
    const languages = LANGS.map((lang) => {
      const status = statuses.get(statusKey(quote.id, lang))!;
      return {
        lang,
        language: LANGUAGE_NAMES[lang],
        status: status.status,
        statusText: STATUS_TEXT[status.status],
        code: status.code,
        paragraphs: quote.text[lang].split(/\n\s*\n/).map((p) => typeset(p.replace(/\s+/g, ' ').trim(), lang)),
        approvedOn: status.record && status.status === 'approved' ? formatDate(status.record.on, 'fr') : null,
        lastOn: status.record && status.status === 'stale' ? formatDate(status.record.on, 'fr') : null,
        diff: status.status === 'stale' && status.record ? wordDiff(status.record.text, quote.text[lang]).map((part) => ({ ...part, same: part.kind === 'same', inserted: part.kind === 'inserted' })) : null,
        contexts: trees.filter((t) => t.lang === lang).flatMap((t) => contextsOf(t.tree, quote.id).map((c) => ({ document: t.title, ...c }))),
      };
    });
    const hashes = LANGS.map((lang) => statuses.get(statusKey(quote.id, lang))!.hash);
    return {
      id: quote.id,
      name: speaker.name,
      role: speaker.role.fr,
      languages,
      bothCode: combinedCode(hashes),
      command: `communique approve ${quote.id} --lang ${LANGS.join(',')} --by ${cabinet} --code ${combinedCode(hashes)}`,
    };
  });

  const title = `Validation des citations — ${contact.label.fr}`;
  const html = templates.layout('packet', {
    lang: 'fr',
    assets: options.assets ?? '../assets',
    title,
    cabinet,
    cabinetLabel: contact.label.fr,
    date: formatDate(options.date, 'fr'),
    items,
    empty: items.length === 0,
  });
  return { html, title, quotes: items.length };
}

/** The paragraphs just before and after each use of a quote in a page. */
function contextsOf(tree: Root, quote: string): Array<{ before: string | null; after: string | null }> {
  const found: Array<{ before: string | null; after: string | null }> = [];
  const walk = (parent: Root | Element) => {
    const elements = (parent.children as ElementContent[]).filter((c): c is Element => c.type === 'element');
    elements.forEach((element, i) => {
      if (element.properties['dataQuote'] === quote) {
        const text = (e: ElementContent | undefined) => (e ? toString(e).replace(/\s+/g, ' ').trim() || null : null);
        found.push({ before: text(elements[i - 1]), after: text(elements[i + 1]) });
      } else {
        walk(element);
      }
    });
  };
  walk(tree);
  return found;
}
