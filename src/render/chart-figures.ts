import { formatFigure } from '../locale/format-number.js';
import type { Lang } from '../locale/lang.js';
import { citedValue } from '../load/indicator-values.js';
import type { Entry, Project } from '../load/project.js';
import type { ChartData, IndicatorData } from '../load/schema.js';
import type { Strings } from './create-templates.js';

/** One bar, column or slice of a chart, with its label and its value written for the language. */
export interface ChartRow {
  /** The indicator it shows; undefined for the remainder of a breakdown. */
  readonly indicator: string | undefined;
  readonly label: string;
  readonly value: number;
  /** The value as the language writes it, approximation included: "près de 4 M€", "36 %", "nearly €4m". */
  readonly text: string;
}

/** What a chart shows in one language: its rows, title, text alternative and sources. */
export interface ChartFigures {
  readonly id: string;
  readonly lang: Lang;
  readonly kind: ChartData['kind'];
  readonly title: string;
  readonly description: string;
  readonly rows: readonly ChartRow[];
  /** The distinct sources of the figures shown, in order. */
  readonly sources: readonly string[];
  /** The indicators the chart cites. */
  readonly indicators: readonly string[];
}

const APPROXIMATE: Record<NonNullable<IndicatorData['approximate']>, string> = {
  about: 'approx_about',
  nearly: 'approx_nearly',
  more_than: 'approx_more_than',
};

/** The figure of an indicator as a chart or a table writes it, with its approximation ("près de 4 M€"). */
export function figureText(indicator: IndicatorData, lang: Lang, strings: Strings): string {
  const figure = formatFigure(indicator.value, indicator.unit, lang);
  const prefix = indicator.approximate ? strings[APPROXIMATE[indicator.approximate]] : undefined;
  return prefix ? `${prefix}\u00A0${figure}` : figure;
}

/** A label as a chart's category: its first letter a capital ("statut non précisé…" → "Statut non précisé…"). */
function capitalise(label: string, lang: Lang): string {
  return label.charAt(0).toLocaleUpperCase(lang) + label.slice(1);
}

/**
 * The rows of a chart in one language: its indicators in order, or the parts of its breakdown followed by the
 * remainder the shares leave (labelled as the breakdown names it), so that a chart of shares always makes 100 %.
 * The ids are known to exist (checked when loading). Each figure is the value in force at `date` (a document's;
 * default the latest).
 */
export function chartFigures(project: Project, chart: Entry<ChartData>, lang: Lang, strings: Strings, date = '9999-12-31'): ChartFigures {
  const breakdown = chart.breakdown === undefined ? undefined : project.breakdowns.get(chart.breakdown);
  const ids = chart.indicators ?? breakdown?.parts ?? [];
  const indicators = ids.map((id) => project.indicators.get(id)).filter((i): i is Entry<IndicatorData> => i !== undefined).map((i) => citedValue(i, date));
  const rows: ChartRow[] = indicators.map((indicator) => ({
    indicator: indicator.id,
    label: capitalise(chart.labels?.[indicator.id]?.[lang] ?? indicator.label[lang], lang),
    value: typeof indicator.value === 'number' ? indicator.value : 0,
    text: figureText(indicator, lang, strings),
  }));
  if (breakdown?.remainder) {
    const rest = Math.round((100 - rows.reduce((sum, row) => sum + row.value, 0)) * 100) / 100;
    if (rest > 0) rows.push({ indicator: undefined, label: capitalise(breakdown.remainder.label[lang], lang), value: rest, text: formatFigure(rest, 'percent', lang) });
  }
  return {
    id: chart.id,
    lang,
    kind: chart.kind,
    title: chart.title[lang],
    description: chart.description[lang],
    rows,
    sources: [...new Set(indicators.map((i) => i.source[lang]))],
    indicators: indicators.map((i) => i.id),
  };
}
