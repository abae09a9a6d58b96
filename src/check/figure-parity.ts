import type { Position } from 'unist';
import type { VFile } from 'vfile';
import { LANGS, LANGUAGE_NAME, type Lang } from '../locale/lang.js';
import type { CheckContext } from './context.js';
import { bodyFigures, citedTyped, compareFigures, speltNumbers, typedFigures, type CitedFigure } from './figures.js';
import { report, where } from '../core/messages.js';
import { yamlTextFigures, yamlTexts } from './yaml-texts.js';

/** Where one language version of a text is: its file, and how to name a place in it. */
interface Version {
  readonly lang: Lang;
  readonly file: VFile;
  readonly what: string;
  readonly figures: readonly CitedFigure[];
  /** A text of a YAML file, where figures are cited with {indicator:id} (default: a body, with <Indicator />). */
  readonly yaml?: boolean;
  /** The words of the version, where the other one's small numbers may be spelt out ("1 an" / "one year"). */
  readonly words: string;
  /** How to correct a figure when the text cannot cite an indicator (a quote), in place of the advice to cite one. */
  readonly advice?: string;
}

/**
 * figure-parity (error): the French and English versions of a body (a release, a review's chapter), of each quote,
 * and of each text a reader sees in the YAML files (titles, descriptions, keywords, "À propos" texts, charts'
 * titles and text alternatives, glossary definitions) cite the same figures, dates included.
 */
export function figureParity(context: CheckContext): void {
  for (const part of context.project.documents.flatMap((document) => document.parts)) {
    const fr = context.body(part, 'fr');
    const en = context.body(part, 'en');
    if (!fr || !en) continue;
    const words = (body: typeof fr) => (body.file.data.prose ?? []).map((block) => block.text).join('\n');
    compare(
      { lang: 'fr', file: fr.file, what: 'text', figures: bodyFigures(context, fr), words: words(fr) },
      { lang: 'en', file: en.file, what: 'text', figures: bodyFigures(context, en), words: words(en) },
    );
  }
  for (const quote of context.project.quotes.values()) {
    const data = context.data(quote.definedAt.file);
    if (!data) continue;
    const [fr, en] = LANGS.map((lang): Version => ({
      lang,
      file: data.file,
      what: `quote "${quote.id}"`,
      advice: `; a quote cannot cite an indicator: type the figure identically in the French and English words of the quote in data/quotes.yaml, then have the cabinet approve the corrected words`,
      figures: typedFigures(quote.text[lang], lang).map((f) => citedTyped(f, data.places.inText([quote.id, 'text', lang], f.start, f.end))),
      words: quote.text[lang],
    }));
    compare(fr!, en!);
  }
  for (const text of yamlTexts(context)) {
    const [fr, en] = LANGS.map((lang): Version => ({
      lang,
      file: text.file,
      what: text.reader.what,
      figures: yamlTextFigures(context, text, lang),
      yaml: true,
      words: text.items[lang].map((item) => item.text).join('\n'),
    }));
    compare(fr!, en!);
  }
}

function compare(a: Version, b: Version): void {
  const { near, onlyA, onlyB } = compareFigures(notSpeltOut(a, b), notSpeltOut(b, a));
  for (const [x, y] of near) {
    mismatch(a, x, b, y);
    mismatch(b, y, a, x);
  }
  for (const x of onlyA) missing(a, x, b);
  for (const y of onlyB) missing(b, y, a);
}

/** The figures of a version but a small number typed in digits that the other version spells out ("1 an" / "one year"). */
function notSpeltOut(version: Version, other: Version): CitedFigure[] {
  const spelt = speltNumbers(other.words, other.lang);
  if (spelt.size === 0) return [...version.figures];
  return version.figures.filter((f) => f.indicator !== undefined || f.unit !== 'count' || !spelt.has(Number(f.key.slice('count:'.length))) || other.figures.some((o) => o.key === f.key));
}

function mismatch(version: Version, figure: CitedFigure, other: Version, counterpart: CitedFigure): void {
  const name = LANGUAGE_NAME[version.lang];
  const otherName = LANGUAGE_NAME[other.lang];
  const cite = (id: string) => (version.yaml ? `{indicator:${id}}` : `<Indicator id="${id}" />`);
  const bound = [figure.indicator, counterpart.indicator].filter((id): id is string => id !== undefined).map(cite);
  const advice =
    version.advice ?? (bound.length > 0 ? `; ${bound.join(' and ')} cite${bound.length > 1 ? '' : 's'} the figure${bound.length > 1 ? 's' : ''} of data/indicators.yaml`
    : figure.date ? ''
    : `; cite figures with ${cite('…')} so that they cannot drift apart`);
  report(
    version.file,
    `The ${name} ${version.what} gives ${figure.shown} here, but the ${otherName} ${other.what} gives ${counterpart.shown} at ${at(other, counterpart.place)}: both versions must ${figure.date ? 'give the same dates' : 'cite the same figures'}. Correct the one that is wrong${advice}.`,
    'figure-parity',
    'error',
    figure.place,
  );
}

function missing(version: Version, figure: CitedFigure, other: Version): void {
  const otherName = LANGUAGE_NAME[other.lang];
  report(
    version.file,
    `The ${LANGUAGE_NAME[version.lang]} ${version.what} cites ${figure.shown}${figure.indicator ? ` (indicator "${figure.indicator}")` : ''} here, but the ${otherName} ${other.what} (${other.file.path}) has no such figure: both versions must cite the same figures. Add it to the ${otherName} ${other.what}, or remove it here.`,
    'figure-parity',
    'error',
    figure.place,
  );
}

function at(version: Version, place: Position | undefined): string {
  return where(version.file.path, place);
}
