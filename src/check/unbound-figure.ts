import type { Position } from 'unist';
import type { VFile } from 'vfile';
import { formatFigure } from '../locale/format-number.js';
import type { Lang } from '../locale/lang.js';
import type { Entry } from '../load/project.js';
import type { IndicatorData } from '../load/schema.js';
import type { CheckContext } from './context.js';
import { indicatorsByKey, plain, typedFigures, typedKey, type TypedFigure } from './figures.js';
import { report } from './report.js';
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
  /** How the text cites an indicator: `<Indicator id="…" />` in a body, `{indicator:…}` in a YAML text. */
  readonly cite: (id: string, long: boolean) => string;
}

/**
 * unbound-figure (warning): a number typed in prose, or in a text a reader sees in the YAML files (a title, a
 * description…), that equals an indicator should cite the indicator.
 */
export function unboundFigure(context: CheckContext): void {
  const byKey = indicatorsByKey(context.project);
  for (const body of context.bodies) {
    const source = context.source(body);
    for (const block of body.file.data.prose ?? []) {
      const found: Found = {
        file: body.file,
        lang: body.lang,
        text: block.text,
        what: 'text',
        place: (from, to) => blockRange(block, source, from, to),
        cite: (id, long) => `<Indicator id="${id}"${long ? ' form="long"' : ''} />`,
      };
      reportUnbound(found, typedFigures(block.text, body.lang), byKey);
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
          cite: (id, long) => `{indicator:${id}${long ? ':long' : ''}}`,
        };
        reportUnbound(found, typedInYaml(item, lang), byKey);
      }
    }
  }
}

function reportUnbound(found: Found, figures: readonly TypedFigure[], byKey: ReadonlyMap<string, Array<Entry<IndicatorData>>>): void {
  let periodEnd = -1;
  for (const figure of figures) {
    if (figure.date || figure.start === periodEnd) continue;
    const period = figure.to ? byKey.get(`period:${figure.value}-${figure.to.value}`) : undefined;
    if (period) periodEnd = figure.to!.start;
    const matches = period ?? byKey.get(typedKey(figure));
    if (!matches) continue;
    const end = period && figure.to ? figure.to.end : figure.end;
    const written = plain(found.text.slice(figure.start, end));
    const long = !period && LONG_FORM.test(figure.raw);
    const [first, ...others] = matches;
    const described = `"${first!.id}" (${plain(formatFigure(first!.value, first!.unit, found.lang))} ${first!.label[found.lang]})`;
    const alternatives = others.length > 0 ? `, or ${others.map((o) => `"${o.id}"`).join(', ')}, which have the same value` : '';
    report(
      found.file,
      `The figure "${written}" is typed in the ${found.what} and equals the indicator ${described}${alternatives}: write ${found.cite(first!.id, long)} instead, so that the figure stays bound to its source in data/indicators.yaml and is written the same way in both languages.`,
      'unbound-figure',
      'warning',
      found.place(figure.start, end),
    );
  }
}
