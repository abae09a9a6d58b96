import type { Component } from '../component.js';

/** `<Chart id="…" />`: a chart of data/charts.yaml, drawn as a static SVG, with its caption, numbers and sources. */
export const chart: Component = {
  name: 'Chart',
  usage: '<Chart id="statut_projets" /> shows a chart of data/charts.yaml, with its numbers as a table',
  attributes: { id: { type: 'string', required: true } },
  placement: 'block',
  async render(context) {
    const id = String(context.attributes.id);
    const date = context.document.settings.date;
    const drawing = context.charts(id, context.lang, date);
    if (!drawing) {
      context.error(unknownChart(id, [...context.project.charts.keys()]), 'unknown-id');
      return undefined;
    }
    // The chart shows each figure as of the document's date: one with no value yet cannot be drawn.
    const data = context.project.charts.get(id)!;
    const shown = data.indicators ?? context.project.breakdowns.get(data.breakdown ?? '')?.parts ?? [];
    for (const indicator of shown.flatMap((i) => context.project.indicators.get(i) ?? [])) {
      const first = indicator.values?.[0]?.as_of;
      if (first === undefined || first <= date) continue;
      context.error(
        `The chart "${id}" shows "${indicator.id}", whose first value is as of ${first} (its values: ${indicator.values!.map((v) => v.as_of).join(', ')}), after this document's date (${date}): a chart shows each figure as it stood at the document's date. Show the chart in a document dated ${first} or later, or add the value this document needs, with its as_of and source, to the "values" of "${indicator.id}" in data/indicators.yaml.`,
        'figure-date',
      );
      return undefined;
    }
    const { figures, svg, captionId } = await drawing;
    const html = context.templates.partial('chart', {
      lang: context.lang,
      id,
      kind: figures.kind,
      captionId,
      title: figures.title,
      description: figures.description,
      svg,
      rows: figures.rows.map((row) => ({ label: row.label, text: row.text, remainder: row.indicator === undefined })),
      sources: figures.sources,
      plural: figures.sources.length > 1,
    });
    return { html, ids: [id, ...figures.indicators] };
  },
};

function unknownChart(id: string, known: readonly string[]): string {
  return `Unknown chart "${id}": expected an id defined in data/charts.yaml${known.length ? ` (${known.map((k) => `"${k}"`).join(', ')})` : ', which declares none'}.`;
}
