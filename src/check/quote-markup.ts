import { formatFigure } from '../locale/format-number.js';
import { LANGS, LANGUAGE_NAME } from '../locale/lang.js';
import type { CheckContext } from './context.js';
import { plain } from './figures.js';
import { report } from '../core/messages.js';

/** A tag (`<Indicator id="…" />`, `<b>`, `</i>`, `<!-- -->`) or a `{…}` in a text. */
const MARKUP = /<\/?[\p{L}!][^<>]*>|\{[^{}]*\}/gu;
const INDICATOR_ID = /^<Indicator\b[^>]*\bid=["']([^"']+)["']/u;

/**
 * quote-markup (error): the text of a quote (data/quotes.yaml) holds the speaker's words only; a component, an HTML
 * tag or a `{…}` in it would be printed as it is typed, so each one is reported at its place in the text.
 */
export function quoteMarkup(context: CheckContext): void {
  for (const quote of context.project.quotes.values()) {
    const data = context.data(quote.definedAt.file);
    if (!data) continue;
    for (const lang of LANGS) {
      const text = quote.text[lang];
      for (const match of text.matchAll(MARKUP)) {
        const found = match[0];
        const indicator = context.project.indicators.get(INDICATOR_ID.exec(found)?.[1] ?? '');
        const instead = indicator
          ? `type the figure itself, "${plain(formatFigure(indicator.value, indicator.unit, lang))}", the same in the French and English words of the quote`
          : found.startsWith('{')
            ? 'write the words out without braces'
            : 'remove the tag and keep its words';
        report(
          data.file,
          `The ${LANGUAGE_NAME[lang]} words of the quote "${quote.id}" contain ${found.startsWith('{') ? 'braces' : 'a tag'}, ${found.replace(/\s+/g, ' ')}: a quote holds the speaker's words only, and this would be printed as typed (components are read in the texts of documents, not in data/quotes.yaml). Instead, ${instead}, then have the cabinet approve the new words.`,
          'quote-markup',
          'error',
          data.places.inText([quote.id, 'text', lang], match.index, match.index + found.length),
        );
      }
    }
  }
}
