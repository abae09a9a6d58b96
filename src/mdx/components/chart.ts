import type { Component } from '../component.js';

/** `<Chart id="…" />`: a chart of data/charts.yaml, drawn as a static SVG, with its caption, numbers and sources. */
export const chart: Component = {
  name: 'Chart',
  usage: '<Chart id="statut_projets" /> shows a chart of data/charts.yaml, with its numbers as a table',
  attributes: { id: { type: 'string', required: true } },
  placement: 'block',
  async render(context) {
    const id = String(context.attributes.id);
    const drawing = context.charts(id, context.lang);
    if (!drawing) {
      context.error(unknownChart(id, [...context.project.charts.keys()]), 'unknown-id');
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
