import type { Position } from 'unist';
import type { VFile } from 'vfile';
import { formatFigure } from '../locale/format-number.js';
import type { Lang } from '../locale/lang.js';
import type { CheckContext, CheckedBody } from './context.js';
import { citability, maxFigureAge } from './figure-provenance.js';
import { indicatorsByKey, plain, typedFigures, typedKey, type CitableValue, type TypedFigure } from './figures.js';
import { report } from '../core/messages.js';
import { blockRange } from './text-places.js';
import { typedInYaml, yamlTexts } from './yaml-texts.js';

const LONG_FORM = /millions?|milliards?|billion|euros?/;

/** Where typed figures were found, and how to name and cite there. */
interface Found {
  readonly file: VFile;
  readonly lang: Lang;
  readonly text: string;
  /** What the text is, for messages: "text", "title"… */
  readonly what: string;
  readonly place: (from: number, to: number) => Position | undefined;
  /** How the text cites an indicator: `<Indicator id="…" />` in a body, `{indicator:…}` in a YAML text; `at`, a value not in force. */
  readonly cite: (id: string, long: boolean, at: string | undefined) => string;
  /** The date of the document the text is part of: only an indicator it may cite is suggested (none: the texts of the data). */
  readonly date?: string;
  /** How likely the text means an indicator, lower first (default: all alike, in the order of the data). */
  readonly rank?: (id: string) => number;
}

/**
 * unbound-figure (warning): a number typed in prose, or in a text a reader sees in the YAML files (a title, a
 * description…), that equals an indicator should cite the indicator; only an indicator the document may cite (see
 * figure-provenance) is suggested, first the one the other language's text cites there. A figure is compared with the
 * values in force at the document's date, then with the earlier values of indicators that have several (cited with
 * `at="…"`).
 */
export function unboundFigure(context: CheckContext): void {
  const byDate = new Map<string | undefined, ReturnType<typeof indicatorsByKey>>();
  const indicators = (date: string | undefined) => {
    let byKey = byDate.get(date);
    if (!byKey) byDate.set(date, (byKey = indicatorsByKey(context.project, date)));
    return byKey;
  };
  const maxAge = maxFigureAge(context.project.settings);
  for (const body of context.bodies) {
    const source = context.source(body);
    const other = context.body(body.part, body.lang === 'fr' ? 'en' : 'fr');
    for (const [index, block] of (body.file.data.prose ?? []).entries()) {
      const found: Found = {
        file: body.file,
        lang: body.lang,
        text: block.text,
        what: 'text',
        place: (from, to) => blockRange(block, source, from, to),
        cite: (id, long, at) => `<Indicator id="${id}"${long ? ' form="long"' : ''}${at ? ` at="${at}"` : ''} />`,
        date: body.document.settings.date,
        rank: citedByOther(other, index),
      };
      reportUnbound(found, typedFigures(block.text, body.lang), indicators(found.date), maxAge);
    }
  }
  for (const text of yamlTexts(context)) {
    for (const [lang, items] of Object.entries(text.items) as Array<[Lang, typeof text.items.fr]>) {
      for (const item of items) {
        const found: Found = {
          file: text.file,
          lang,
          text: item.text,
          what: text.reader.what,
          place: (from, to) => text.places.inText(item.path, from, to),
          cite: (id, long, at) => `{indicator:${id}${long ? ':long' : ''}${at ? `@${at}` : ''}}`,
          ...(text.reader.document ? { date: text.reader.document.settings.date } : {}),
        };
        reportUnbound(found, typedInYaml(item, lang), indicators(found.date), maxAge);
      }
    }
  }
}

function reportUnbound(found: Found, figures: readonly TypedFigure[], byKey: ReadonlyMap<string, CitableValue[]>, maxAge: number): void {
  /** The values the text may cite, the likeliest first: in force before earlier ones, then by the other language's text. */
  const citable = (list: readonly CitableValue[] | undefined) => {
    const ok = (list ?? []).filter((i) => found.date === undefined || citability(i, found.date, maxAge) === 'ok');
    const rank = (i: CitableValue) => (i.at !== undefined && found.date !== undefined ? 10 : 0) + (found.rank?.(i.id) ?? 0);
    return ok.sort((a, b) => rank(a) - rank(b));
  };
  let periodEnd = -1;
  for (const figure of figures) {
    if (figure.date || figure.start === periodEnd) continue;
    const period = citable(figure.to ? byKey.get(`period:${figure.value}-${figure.to.value}`) : undefined);
    if (period.length > 0) periodEnd = figure.to!.start;
    const matches = period.length > 0 ? period : citable(byKey.get(typedKey(figure)));
    if (matches.length === 0) continue;
    const end = period.length > 0 && figure.to ? figure.to.end : figure.end;
    const written = plain(found.text.slice(figure.start, end));
    const long = period.length === 0 && LONG_FORM.test(figure.raw);
    const [first, ...others] = matches;
    const asOf = (i: CitableValue) => (i.at !== undefined ? `, its value as of ${i.at}` : '');
    const described = `"${first!.id}" (${plain(formatFigure(first!.value, first!.unit, found.lang))} ${first!.label[found.lang]}${asOf(first!)})`;
    const alternatives = others.length > 0 ? `, or ${others.map((o) => `"${o.id}"${asOf(o)}`).join(', ')}, which have the same value` : '';
    report(
      found.file,
      `The figure "${written}" is typed in the ${found.what} and equals the indicator ${described}${alternatives}: write ${found.cite(first!.id, long, first!.at)} instead, so that the figure stays bound to its source in data/indicators.yaml and is written the same way in both languages.`,
      'unbound-figure',
      'warning',
      found.place(figure.start, end),
    );
  }
}

/** Ranks indicators by where the other language's text cites them: 0 in the same block, 1 elsewhere in it, 2 not at all. */
function citedByOther(other: CheckedBody | undefined, index: number): (id: string) => number {
  const uses = (other?.file.data.components ?? []).filter((u) => u.name === 'Indicator');
  const block = other?.file.data.prose?.[index]?.place;
  const inBlock = (offset: number | undefined) => block !== undefined && offset !== undefined && offset >= (block.start.offset ?? Infinity) && offset <= (block.end.offset ?? -Infinity);
  return (id) => {
    const cited = uses.filter((u) => u.ids.includes(id));
    return cited.some((u) => inBlock(u.place?.start.offset)) ? 0 : cited.length > 0 ? 1 : 2;
  };
}
