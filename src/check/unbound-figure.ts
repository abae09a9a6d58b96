import { formatFigure } from '../locale/format-number.js';
import type { Entry } from '../load/project.js';
import type { IndicatorData } from '../load/schema.js';
import type { CheckContext, CheckedBody } from './context.js';
import { citability, maxFigureAge } from './figure-provenance.js';
import { indicatorsByKey, plain, typedFigures, typedKey } from './figures.js';
import { report } from './report.js';
import { blockRange } from './text-places.js';

const LONG_FORM = /millions?|milliards?|billion|euros?/;

/**
 * unbound-figure (warning): a number typed in prose that equals an indicator should cite the indicator; only an
 * indicator this document may cite (see figure-provenance) is suggested, first the one the other language cites there.
 */
export function unboundFigure(context: CheckContext): void {
  const byKey = indicatorsByKey(context.project);
  const maxAge = maxFigureAge(context.project.settings);
  for (const body of context.bodies) {
    const source = context.source(body);
    const citable = (list: ReadonlyArray<Entry<IndicatorData>> | undefined) => list?.filter((i) => citability(i, body.document.settings.date, maxAge) === 'ok');
    const other = context.body(body.part, body.lang === 'fr' ? 'en' : 'fr');
    for (const [index, block] of (body.file.data.prose ?? []).entries()) {
      let periodEnd = -1;
      for (const figure of typedFigures(block.text, body.lang)) {
        if (figure.date || figure.start === periodEnd) continue;
        const period = citable(figure.to ? byKey.get(`period:${figure.value}-${figure.to.value}`) : undefined);
        if (period?.length) periodEnd = figure.to!.start;
        const matches = period?.length ? period : citable(byKey.get(typedKey(figure)));
        if (!matches?.length) continue;
        preferCitedByOther(matches, other, index);
        const end = period?.length && figure.to ? figure.to.end : figure.end;
        const written = plain(block.text.slice(figure.start, end));
        const form = !period?.length && LONG_FORM.test(figure.raw) ? ' form="long"' : '';
        const [first, ...others] = matches;
        const described = `"${first!.id}" (${plain(formatFigure(first!.value, first!.unit, body.lang))} ${first!.label[body.lang]})`;
        const alternatives = others.length > 0 ? `, or ${others.map((o) => `"${o.id}"`).join(', ')}, which have the same value` : '';
        report(
          body.file,
          `The figure "${written}" is typed in the text and equals the indicator ${described}${alternatives}: write <Indicator id="${first!.id}"${form} /> instead, so that the figure stays bound to its source in data/indicators.yaml and is written the same way in both languages.`,
          'unbound-figure',
          'warning',
          blockRange(block, source, figure.start, end),
        );
      }
    }
  }
}

/** Puts first, in place, the indicators the other language's text cites in the same block, then anywhere in it. */
function preferCitedByOther(matches: Array<Entry<IndicatorData>>, other: CheckedBody | undefined, index: number): void {
  if (!other || matches.length < 2) return;
  const uses = other.file.data.components ?? [];
  const block = other.file.data.prose?.[index]?.place;
  const inBlock = (offset: number | undefined) => block !== undefined && offset !== undefined && offset >= (block.start.offset ?? Infinity) && offset <= (block.end.offset ?? -Infinity);
  const rank = (id: string) => {
    const cited = uses.filter((u) => u.name === 'Indicator' && u.ids.includes(id));
    return cited.some((u) => inBlock(u.place?.start.offset)) ? 0 : cited.length > 0 ? 1 : 2;
  };
  matches.sort((a, b) => rank(a.id) - rank(b.id));
}
