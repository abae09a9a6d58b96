import type { Source } from '../load/place.js';
import { citedIndicators } from '../mdx/cited-indicators.js';
import { usedTerms } from '../render/glossary-terms.js';
import type { CheckContext } from './context.js';
import { report } from '../core/messages.js';

/** unused (info): data entries that no document uses, directly or through another entry it uses. */
export function unused(context: CheckContext): void {
  const { project } = context;
  const used = usedIds(context);
  const tables: Array<[string, ReadonlyMap<string, { readonly id: string; readonly definedAt: Source }>, ReadonlySet<string>]> = [
    ['indicator', project.indicators, used.indicators],
    ['breakdown', project.breakdowns, used.breakdowns],
    ['quote', project.quotes, used.quotes],
    ['person', project.people, used.people],
    ['contact', project.contacts, used.contacts],
    ['organisation', project.organisations, used.organisations],
    ['chart', project.charts, used.charts],
    ['glossary entry', project.glossary, used.glossary],
  ];
  for (const [what, table, ids] of tables) {
    for (const entry of table.values()) {
      if (ids.has(entry.id)) continue;
      const data = context.data(entry.definedAt.file);
      if (!data) continue;
      report(data.file, `The ${what} "${entry.id}" is not used by any document: cite it in a text or release.yaml, or remove it if it is no longer needed.`, 'unused', 'info', data.places.key([entry.id]));
    }
  }
}

function usedIds(context: CheckContext) {
  const { project } = context;
  const used = {
    indicators: new Set<string>(),
    breakdowns: new Set<string>(),
    quotes: new Set<string>(),
    people: new Set<string>(),
    contacts: new Set<string>(),
    organisations: new Set<string>(),
    charts: new Set<string>(),
    glossary: new Set<string>(),
  };
  for (const body of context.bodies) {
    const uses = body.file.data.components ?? [];
    for (const id of citedIndicators(uses)) used.indicators.add(id);
    for (const use of uses) {
      const table = use.name === 'Quote' ? used.quotes : use.name === 'Person' ? used.people : use.name === 'Chart' ? used.charts : undefined;
      // A quote cites its speaker too (ids: quote, person); a chart, its figures (ids: chart, indicators…).
      use.ids.forEach((id, i) => (i === 0 ? table : use.name === 'Quote' ? used.people : undefined)?.add(id));
    }
  }
  for (const document of project.documents) {
    used.contacts.add(document.settings.footer_contact);
    document.settings.issuers.forEach((id) => used.organisations.add(id));
    if (document.kind === 'release') {
      document.settings.contacts.forEach((id) => used.contacts.add(id));
      document.settings.about.forEach((id) => used.organisations.add(id));
    } else if (document.kind === 'review') {
      // A review's glossary lists the terms its text uses.
      const texts = context.bodies.filter((body) => body.document === document).flatMap((body) => (body.file.data.prose ?? []).map((block) => block.text));
      usedTerms(project.glossary, texts).forEach((id) => used.glossary.add(id));
    }
  }
  for (const id of used.charts) {
    const breakdown = project.charts.get(id)?.breakdown;
    if (breakdown) used.breakdowns.add(breakdown);
  }
  for (const id of used.quotes) {
    const speaker = project.quotes.get(id)?.speaker;
    if (speaker) used.people.add(speaker);
  }
  for (const id of used.people) {
    const cabinet = project.people.get(id)?.cabinet;
    if (cabinet) used.contacts.add(cabinet);
  }
  for (const id of used.contacts) {
    const organisation = project.contacts.get(id)?.organisation;
    if (organisation) used.organisations.add(organisation);
  }
  for (const breakdown of project.breakdowns.values()) {
    if (breakdown.parts.some((id) => used.indicators.has(id))) used.breakdowns.add(breakdown.id);
  }
  return used;
}
