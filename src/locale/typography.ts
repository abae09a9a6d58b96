/**
 * Typography for French and English running text (our own pass: typograf
 * removes the space before ; : ! ? and does not add the non-breaking ones).
 *
 * `typeset(text, lang, state?)` only ever inserts, removes or replaces spaces,
 * quotes, apostrophes and the ellipsis: letters and digits are never changed,
 * and the result is stable (`typeset(typeset(x)) === typeset(x)`).
 *
 * Protected tokens — URLs (`http://…`, `https://…`, `www.…`) and e-mail
 * addresses (with an optional `mailto:`) are cut out of the text and left
 * untouched; only the plain runs between them are typeset. Trailing
 * punctuation (`.`, `,`, `;`, `:`, `!`, `?`, `…`, closing quotes and brackets)
 * is not part of a URL.
 *
 * Both languages
 * - `...` → `…`.
 * - A "mark" is one of ; : ! ? that ends a clause: it is followed by
 *   whitespace, the end of the text, closing punctuation ) ] } » ” ’ " ' or
 *   another ; ! ?  — so `?id=3`, `a;b`, `14:30`, `mailto:x` are untouched.
 *   Its spacing is only adjusted after a word or closing character (anything
 *   but whitespace, an opening ( [ { « “ ‘ or another mark), so in a run such
 *   as `?!` only the first mark is spaced.
 * - Straight double quotes: opening after the start of the text, whitespace
 *   or ( [ { « “ ‘ — –, closing otherwise — except that a quote after
 *   whitespace closes one opened earlier in the same text (`" x "`). Only the
 *   preceding character decides, so `"<strong>x</strong>"` works when the
 *   caller passes the state from one inline text to the next.
 *
 * French
 * - U+202F (narrow no-break space) before a mark ; ! ?, replacing any space
 *   (normal, U+00A0, U+202F) or none: `Quoi ?` `Quoi?` → `Quoi\u202F?`.
 * - U+00A0 (no-break space) before a mark `:`, the same way.
 * - « and »: exactly one U+202F inside (`«x»`, `« x »` → `«\u202Fx\u202F»`);
 *   none is added next to whitespace that belongs to the preceding text.
 * - Straight double quotes become « and » with those spaces; every straight
 *   apostrophe ' becomes ’.
 * - U+00A0 between a number and its unit, written with one space or none:
 *   % € M€ Md€ k€ ha km km² (`8%` → `8\u00A0%`, `39,7 M€` → `39,7\u00A0M€`),
 *   and hours `10 h`, `10h30`, `10 h 30` → `10\u00A0h\u00A030`. The unit must
 *   not be followed by a letter or digit (`8 heures` is untouched).
 *
 * Dates (both languages)
 * - U+00A0 between a day and its month, so that a date never breaks between them: `9 novembre`, `1er mars`,
 *   `9 November`, `November 9`. The year may go to the next line.
 *
 * English
 * - Any space before a mark ; : ! ? is removed (`Hello !` → `Hello!`).
 * - Curly quotes: "x" → “x”; 'x' → ‘x’ when the quote follows an opening
 *   context (as above) and precedes a non-space; otherwise ’ (it’s, dogs’).
 *   A quote before two digits is an elision (’90s). Known limitation: leading
 *   elisions before a letter (’tis, rock ’n’ roll) get ‘.
 */
import { NBSP, NNBSP, type Lang } from './lang.js';

/** Context carried between the texts of one block (e.g. across inline elements). */
export interface TypesetState {
  /** The last character of the preceding text in the same block ('' at its start). */
  previous: string;
}

/** URLs and e-mail addresses: the one capture group makes `split` keep them. */
const PROTECTED =
  /((?:https?:\/\/|(?<![\p{L}\p{N}_.-])www\.)[^\s<>]*[^\s<>.,;:!?…'"’”»)\]}]|(?:mailto:)?[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)/u;

const OPENERS = '([{«“‘—–';
const CLOSERS = ')]}»”’"\'';
const MARKS = ';:!?';

const isSpace = (c: string): boolean => /^\s$/u.test(c);

/** A straight quote after this character opens a quotation. */
const opensQuote = (prev: string): boolean => prev === '' || isSpace(prev) || OPENERS.includes(prev);

/** A mark after this character is spaced (word or closing character). */
const endsWord = (prev: string): boolean =>
  prev !== '' && !isSpace(prev) && !OPENERS.includes(prev) && !MARKS.includes(prev);

/** A mark before this character ends a clause (so it is punctuation, not `a;b` or `?id=`). */
const endsClause = (next: string): boolean =>
  next === '' || isSpace(next) || CLOSERS.includes(next) || ';!?'.includes(next);

/** Typeset `text` in `lang`; `state.previous` gives and receives the surrounding context. */
export function typeset(text: string, lang: Lang, state: TypesetState = { previous: '' }): string {
  // Odd indexes hold the protected tokens.
  const parts = text.split(PROTECTED);
  const out: string[] = [];
  let previous = state.previous;
  parts.forEach((part, index) => {
    const after = parts[index + 1]?.[0] ?? '';
    const done = index % 2 === 1 ? part : typesetRun(part, lang, previous, after);
    out.push(done);
    if (done !== '') previous = done.at(-1)!;
  });
  state.previous = previous;
  return out.join('');
}

/** Number–unit spaces (French). */
function frenchUnits(text: string): string {
  return text
    .replace(/(?<=\d)\s?(Md€|M€|k€|km²|km|ha|%|€)(?![\p{L}\p{N}])/gu, `${NBSP}$1`)
    .replace(/(?<=\d)\s?h(?:\s?(\d{2}))?(?![\p{L}\p{N}]|\s?h(?![\p{L}\p{N}]))/gu, (_match, minutes?: string) =>
      minutes === undefined ? `${NBSP}h` : `${NBSP}h${NBSP}${minutes}`,
    );
}

const MONTHS: Record<Lang, string> = {
  fr: 'janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre',
  en: 'January|February|March|April|May|June|July|August|September|October|November|December',
};
const DAY_MONTH: Record<Lang, RegExp> = {
  fr: new RegExp(`(?<![\\p{L}\\p{N}])(\\d{1,2}|1er)[ \\u202F](${MONTHS.fr})(?![\\p{L}])`, 'gu'),
  en: new RegExp(`(?<![\\p{L}\\p{N}])(\\d{1,2})[ \\u202F](${MONTHS.en})(?![\\p{L}])`, 'gu'),
};
const MONTH_DAY = new RegExp(`(?<![\\p{L}])(${MONTHS.en})[ \\u202F](\\d{1,2})(?![\\p{N}])`, 'gu');

/** No-break spaces inside dates: between the day and the month, in either order. */
export function dateSpaces(text: string, lang: Lang): string {
  const dayMonth = text.replace(DAY_MONTH[lang], `$1${NBSP}$2`);
  return lang === 'en' ? dayMonth.replace(MONTH_DAY, `$1${NBSP}$2`) : dayMonth;
}

/** Typeset a run without URLs; `before`/`after` are the characters around it ('' = none). */
function typesetRun(run: string, lang: Lang, before: string, after: string): string {
  const fr = lang === 'fr';
  const dotted = dateSpaces(run.replaceAll('...', '…'), lang);
  const text = fr ? frenchUnits(dotted) : dotted;
  // Built as an array of characters: looking at (and trimming) the end of a growing string is quadratic.
  const out: string[] = [];
  const last = () => out[out.length - 1] ?? before;
  const trimEnd = () => {
    while (out.length > 0 && isSpace(out[out.length - 1]!)) out.pop();
  };
  let quoteOpen = false;

  for (let i = 0; i < text.length; i++) {
    let c: string = text[i] ?? '';
    const next = text[i + 1] ?? after;
    const prev = last();

    if (c === '"') {
      const opening: boolean = opensQuote(prev) && !(quoteOpen && isSpace(prev));
      quoteOpen = opening;
      c = fr ? (opening ? '«' : '»') : opening ? '“' : '”';
    } else if (c === "'") {
      const opening = !fr && opensQuote(prev) && !isSpace(next) && !/^'\d\d(?!\d)/u.test(text.slice(i, i + 4));
      c = opening ? '‘' : '’';
    }

    if (fr && c === '«') {
      out.push('«', NNBSP);
      while (isSpace(text[i + 1] ?? '')) i++;
    } else if (fr && c === '»') {
      trimEnd();
      const kept = last();
      if (!(kept === '' || isSpace(kept))) out.push(NNBSP);
      out.push('»');
    } else if (MARKS.includes(c) && endsClause(next)) {
      const length = out.length;
      trimEnd();
      if (endsWord(last())) {
        if (fr) out.push(c === ':' ? NBSP : NNBSP);
        out.push(c);
      } else {
        out.length = length; // keep the spaces: this mark is not spaced
        out.push(c);
      }
    } else {
      out.push(c);
    }
  }
  return out.join('');
}
