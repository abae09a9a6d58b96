import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { VFile } from 'vfile';
import { closest } from '../core/edit-distance.js';
import { fail, unknownId } from '../core/messages.js';
import type { Project } from './project.js';
import type { YamlSource } from './read-yaml.js';
import type { DataName } from './schema.js';

/** Every id a data entry or a document names must exist; a chart shows figures of one unit. */
export function checkReferences(project: Project, sources: Partial<Record<DataName, YamlSource>>, files: VFile[], failed: ReadonlySet<DataName>): void {
  // A table that failed validation is empty: references into it would all be reported, wrongly, as unknown.
  const need = (
    name: DataName,
    id: string,
    path: Array<string | number>,
    kind: keyof Project & DataName,
    what: string,
  ) => {
    const yaml = sources[name];
    if (!yaml || failed.has(kind) || (project[kind] as ReadonlyMap<string, unknown>).has(id)) return;
    fail(yaml.file, unknownId(id, what, project[kind] as ReadonlyMap<string, unknown>, `data/${kind}.yaml`), 'unknown-id', yaml.locate(path));
  };
  for (const quote of project.quotes.values()) need('quotes', quote.speaker, [quote.id, 'speaker'], 'people', 'person');
  for (const person of project.people.values()) if (person.cabinet) need('people', person.cabinet, [person.id, 'cabinet'], 'contacts', 'contact');
  for (const contact of project.contacts.values()) need('contacts', contact.organisation, [contact.id, 'organisation'], 'organisations', 'organisation');
  for (const indicator of project.indicators.values()) if (indicator.part_of) need('indicators', indicator.part_of, [indicator.id, 'part_of'], 'indicators', 'indicator');
  for (const breakdown of project.breakdowns.values()) {
    breakdown.parts.forEach((id, i) => need('breakdowns', id, [breakdown.id, 'parts', i], 'indicators', 'indicator'));
  }
  for (const chart of project.charts.values()) {
    chart.indicators?.forEach((id, i) => need('charts', id, [chart.id, 'indicators', i], 'indicators', 'indicator'));
    if (chart.breakdown) need('charts', chart.breakdown, [chart.id, 'breakdown'], 'breakdowns', 'breakdown');
    const shown = chart.indicators ?? project.breakdowns.get(chart.breakdown ?? '')?.parts ?? [];
    const yaml = sources.charts;
    if (!yaml || failed.has('indicators') || failed.has('breakdowns')) continue;
    for (const id of Object.keys(chart.labels ?? {})) {
      if (!shown.includes(id)) fail(yaml.file, `The chart "${chart.id}" has a label for "${id}", which it does not show: label only the indicators of the chart (${shown.join(', ')}).`, 'unknown-id', yaml.locateKey([chart.id, 'labels', id]));
    }
    const units = [...new Set(shown.flatMap((id) => project.indicators.get(id)?.unit ?? []))];
    if (units.length > 1) {
      fail(yaml.file, `The chart "${chart.id}" mixes indicators of different units (${units.join(', ')}): one chart compares figures of one unit. Split it into one chart per unit.`, 'chart-units', yaml.locate([chart.id, chart.indicators ? 'indicators' : 'breakdown']));
    } else if (units[0] === 'period' || units[0] === 'year') {
      fail(yaml.file, `The chart "${chart.id}" shows ${units[0]}s: charts compare counts, amounts, areas or shares. Cite these figures in the text instead.`, 'chart-units', yaml.locate([chart.id, chart.indicators ? 'indicators' : 'breakdown']));
    }
  }
  for (const document of project.documents) {
    const file = files.find((f) => f.path === document.source.file);
    if (!file) continue;
    const check = (id: string, path: Array<string | number>, kind: 'contacts' | 'organisations', what: string) => {
      if (!failed.has(kind) && !project[kind].has(id)) fail(file, unknownId(id, what, project[kind], `data/${kind}.yaml`), 'unknown-id', document.locate(path).position);
    };
    document.settings.issuers.forEach((id, i) => check(id, ['issuers', i], 'organisations', 'organisation'));
    check(document.settings.footer_contact, ['footer_contact'], 'contacts', 'contact');
    if (document.kind !== 'release') continue;
    const { settings } = document;
    settings.about.forEach((id, i) => check(id, ['about', i], 'organisations', 'organisation'));
    settings.contacts.forEach((id, i) => check(id, ['contacts', i], 'contacts', 'contact'));
    const review = settings.review?.slug;
    if (review !== undefined && !project.reviews.some((r) => r.slug === review) && !existsSync(join(project.root, 'reviews', review, 'review.yaml'))) {
      const known = project.reviews.map((r) => r.slug);
      const suggestion = closest(review, known);
      fail(
        file,
        `Unknown review "${review}": expected the folder name of a review in reviews/ (${known.length ? known.map((k) => `"${k}"`).join(', ') : 'there is none'})${suggestion ? `; did you mean "${suggestion}"?` : ''}. Correct the name, or give the review's web address as "review: { url: { fr: …, en: … } }".`,
        'unknown-id',
        document.locate(['review', 'slug']).position,
      );
    }
  }
}
