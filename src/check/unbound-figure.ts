import { formatFigure } from '../locale/format-number.js';
import type { CheckContext } from './context.js';
import { indicatorsByKey, plain, typedFigures, typedKey } from './figures.js';
import { report } from './report.js';
import { blockRange } from './text-places.js';

const LONG_FORM = /millions?|milliards?|billion|euros?/;

/** unbound-figure (warning): a number typed in prose that equals an indicator should cite the indicator. */
export function unboundFigure(context: CheckContext): void {
  const byKey = indicatorsByKey(context.project);
  for (const body of context.bodies) {
    const source = context.source(body);
    for (const block of body.file.data.prose ?? []) {
      let periodEnd = -1;
      for (const figure of typedFigures(block.text, body.lang)) {
        if (figure.date || figure.start === periodEnd) continue;
        const period = figure.to ? byKey.get(`period:${figure.value}-${figure.to.value}`) : undefined;
        if (period) periodEnd = figure.to!.start;
        const matches = period ?? byKey.get(typedKey(figure));
        if (!matches) continue;
        const end = period && figure.to ? figure.to.end : figure.end;
        const written = plain(block.text.slice(figure.start, end));
        const form = !period && LONG_FORM.test(figure.raw) ? ' form="long"' : '';
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
