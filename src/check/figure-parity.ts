import type { Position } from 'unist';
import type { VFile } from 'vfile';
import { LANGS, type Lang } from '../locale/lang.js';
import type { CheckContext } from './context.js';
import { bodyFigures, compareFigures, plain, typedFigures, typedKey, type CitedFigure } from './figures.js';
import { LANGUAGE_NAME, report, where } from './report.js';

/** Where one language version of a text is: its file, and how to name a place in it. */
interface Version {
  readonly lang: Lang;
  readonly file: VFile;
  readonly what: string;
  readonly figures: readonly CitedFigure[];
  /** How to correct a figure when the text cannot cite an indicator (a quote), in place of the advice to cite one. */
  readonly advice?: string;
}

/** figure-parity (error): the French and English versions of a body (a release, a review's chapter), and of each quote, cite the same figures. */
export function figureParity(context: CheckContext): void {
  for (const part of context.project.documents.flatMap((document) => document.parts)) {
    const fr = context.body(part, 'fr');
    const en = context.body(part, 'en');
    if (!fr || !en) continue;
    compare(
      { lang: 'fr', file: fr.file, what: 'text', figures: bodyFigures(context, fr) },
      { lang: 'en', file: en.file, what: 'text', figures: bodyFigures(context, en) },
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
      figures: typedFigures(quote.text[lang], lang).map((f) => ({
        key: typedKey(f),
        unit: f.unit,
        shown: plain(f.raw),
        place: data.places.inText([quote.id, 'text', lang], f.start, f.end),
      })),
    }));
    compare(fr!, en!);
  }
}

function compare(a: Version, b: Version): void {
  const { near, onlyA, onlyB } = compareFigures(a.figures, b.figures);
  for (const [x, y] of near) {
    mismatch(a, x, b, y);
    mismatch(b, y, a, x);
  }
  for (const x of onlyA) missing(a, x, b);
  for (const y of onlyB) missing(b, y, a);
}

function mismatch(version: Version, figure: CitedFigure, other: Version, counterpart: CitedFigure): void {
  const name = LANGUAGE_NAME[version.lang];
  const otherName = LANGUAGE_NAME[other.lang];
  const bound = [figure.indicator, counterpart.indicator].filter(Boolean).map((id) => `<Indicator id="${id}" />`);
  const advice = version.advice ?? (bound.length > 0 ? `; ${bound.join(' and ')} cite${bound.length > 1 ? '' : 's'} the figure${bound.length > 1 ? 's' : ''} of data/indicators.yaml` : '; cite figures with <Indicator id="…" /> so that they cannot drift apart');
  report(
    version.file,
    `The ${name} ${version.what} gives ${figure.shown} here, but the ${otherName} ${other.what} gives ${counterpart.shown} at ${at(other, counterpart.place)}: both versions must cite the same figures. Correct the one that is wrong${advice}.`,
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
