import type { TopLevelSpec } from 'vega-lite';
import { CommuniqueError } from '../core/errors.js';
import type { Lang } from '../locale/lang.js';
import type { Project } from '../load/project.js';
import { chartFigures, type ChartFigures } from './chart-figures.js';
import type { Templates } from './create-templates.js';

/** A chart rendered for one language: its figures, and a static SVG with a title, labelled by the chart's caption. */
export interface RenderedChart {
  readonly figures: ChartFigures;
  readonly svg: string;
  /** The id of the caption the SVG is labelled by (aria-labelledby). */
  readonly captionId: string;
}

/** Renders a chart of data/charts.yaml in a language, with the values in force at `date` (a document's; default the latest); undefined for an unknown id. */
export type ChartRenderer = (id: string, lang: Lang, date?: string) => Promise<RenderedChart> | undefined;

/** The font of the charts: the document's. */
const FONT = 'Marianne, Arial, sans-serif';
/**
 * DSFR colours: blue France first, then illustrative colours; the remainder of a breakdown is grey. Each stands out
 * from the white background at 3:1 or more (WCAG 1.4.11): the DSFR's darker mustard and green (moutarde 348,
 * vert bourgeon 425) and grey 625 replace the lighter tints below 3:1.
 */
const COLOURS = ['#000091', '#6a6af4', '#009081', '#695240', '#ce614a', '#a558a0', '#417dc4', '#447049'];
const REMAINDER = '#929292';
const TEXT = '#161616';

/**
 * SVGs already drawn in this process, by their exact input: drawing is a pure function of the figures, and the live
 * preview re-renders the whole content on every save. Bounded; cleared when full.
 */
const drawn = new Map<string, Promise<string>>();

function memoisedSvg(figures: ChartFigures, options: Parameters<typeof chartSvg>[1]): Promise<string> {
  const key = JSON.stringify([figures, options]);
  let svg = drawn.get(key);
  if (!svg) {
    if (drawn.size >= 256) drawn.clear();
    svg = chartSvg(figures, options);
    drawn.set(key, svg);
    svg.catch(() => drawn.delete(key));
  }
  return svg;
}

/** Builds the chart renderer of a project once: each chart × language is rendered once per build (cached). */
export function createChartRenderer(project: Project, templates: Templates): ChartRenderer {
  const cache = new Map<string, Promise<RenderedChart>>();
  return (id, lang, date) => {
    const chart = project.charts.get(id);
    if (!chart) return undefined;
    const key = `${id}\u0000${lang}\u0000${date ?? ''}`;
    let rendered = cache.get(key);
    if (!rendered) {
      const figures = chartFigures(project, chart, lang, templates.strings[lang], date);
      const captionId = `chart-${id}-caption`;
      rendered = memoisedSvg(figures, { id: `chart-${id}`, captionId }).then((svg) => ({ figures, svg, captionId }));
      cache.set(key, rendered);
    }
    return rendered;
  };
}

/** The vega-lite specification of a chart: every label is a string already written for the language. */
export function chartSpec(figures: ChartFigures): TopLevelSpec {
  const values = figures.rows.map((row, i) => ({
    label: row.label,
    value: row.value,
    text: row.text,
    order: i,
    colour: row.indicator === undefined ? REMAINDER : COLOURS[i % COLOURS.length]!,
  }));
  const config = {
    font: FONT,
    background: 'transparent',
    padding: 4,
    aria: false,
    view: { stroke: null },
    axis: { labelFont: FONT, labelFontSize: 12, labelColor: TEXT, domain: false, ticks: false, grid: false, labelPadding: 8, labelLimit: 0 },
    legend: { labelFont: FONT, labelFontSize: 12, labelColor: TEXT, labelLimit: 0, symbolType: 'square', symbolSize: 160, rowPadding: 8 },
    text: { font: FONT, fontSize: 12, fill: TEXT },
  } as const;
  const colour = { field: 'colour', type: 'nominal', scale: null, legend: null } as const;
  const base = { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', data: { values }, config } as const;

  if (figures.kind === 'donut') {
    const legendLabels = values.map((v) => `${v.label}${figures.lang === 'fr' ? '\u00A0:' : ':'} ${v.text}`);
    return {
      ...base,
      width: 220,
      height: 220,
      encoding: {
        theta: { field: 'value', type: 'quantitative', stack: true },
        order: { field: 'order', type: 'quantitative' },
      },
      layer: [
        {
          mark: { type: 'arc', innerRadius: 58, outerRadius: 104, stroke: '#ffffff', strokeWidth: 2 },
          encoding: {
            color: {
              field: 'order',
              type: 'nominal',
              scale: { domain: values.map((v) => v.order), range: values.map((v) => v.colour) },
              legend: { title: null, orient: 'right', labelExpr: `${JSON.stringify(legendLabels)}[datum.value]` },
            },
          },
        },
      ],
    } as unknown as TopLevelSpec;
  }

  const horizontal = figures.kind === 'bar';
  const category = {
    field: 'label',
    type: 'nominal',
    sort: null,
    title: null,
    axis: horizontal ? { labelAlign: 'right' } : { labelAngle: 0, labelAlign: 'center', labelBaseline: 'top' },
  } as const;
  const quantity = { field: 'value', type: 'quantitative', axis: null, scale: { domainMin: 0 } } as const;
  return {
    ...base,
    width: horizontal ? 360 : Math.max(240, 130 * values.length),
    height: horizontal ? Math.max(60, 34 * values.length) : 200,
    encoding: horizontal ? { y: category, x: quantity } : { x: category, y: quantity },
    layer: [
      { mark: { type: 'bar', ...(horizontal ? { height: 22 } : { width: 44 }) }, encoding: { color: colour } },
      {
        mark: horizontal ? { type: 'text', align: 'left', baseline: 'middle', dx: 6, fontWeight: 'bold' } : { type: 'text', align: 'center', baseline: 'bottom', dy: -6, fontWeight: 'bold' },
        encoding: { text: { field: 'text', type: 'nominal' } },
      },
    ],
  } as unknown as TopLevelSpec;
}

/**
 * Renders a chart to a static SVG with vega (no browser, no script): `role="img"`, a `<title>`, labelled by the
 * caption; ids are prefixed with `options.id` so that several charts can share a page. Throws a ChartUnsafe error
 * if the SVG holds anything that could run or fetch (it never should).
 */
export async function chartSvg(figures: ChartFigures, options: { id: string; captionId: string }): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new vega.View(vega.parse(vegaLite.compile(chartSpec(figures)).spec), { renderer: 'none' });
  const raw = await view.toSVG();
  view.finalize();
  const svg = raw
    // The drawing is one image (role="img" below): its parts take no role of their own.
    .replace(/\s(?:role|aria-[a-z]+)="[^"]*"/g, '')
    .replace(/\s(?:id)="([^"]+)"/g, (_, id: string) => ` id="${options.id}-${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${options.id}-${id})`)
    .replace(/^<svg\b([^>]*)>/, (_, attributes: string) => {
      const kept = attributes.replace(/\s(?:class|xmlns:xlink|version)="[^"]*"/g, '');
      return `<svg${kept} class="chart__svg" role="img" aria-labelledby="${escapeXml(options.captionId)}" focusable="false"><title>${escapeXml(figures.title)}</title>`;
    });
  const unsafe = /<script|<foreignObject|<image|<use\b|\bon[a-z]+=|\bhref=|javascript:|url\((?!#)|@import/i.exec(svg);
  if (unsafe) {
    throw new CommuniqueError('ChartUnsafe', `The SVG of the chart "${figures.id}" contains "${unsafe[0]}", which could run code or fetch a file.`, 'Report this as a bug of communiqué: charts are static drawings.');
  }
  return svg;
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
