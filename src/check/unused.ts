import type { Source } from '../load/place.js';
import type { CheckContext } from './context.js';
import { report } from './report.js';

/** unused (info): data entries that no document uses, directly or through another entry it uses. */
export function unused(context: CheckContext): void {
  const { project } = context;
  const used = usedIds(context);
  const tables: Array<[string, ReadonlyMap<string, { readonly id: string; readonly source: Source }>, ReadonlySet<string>]> = [
    ['indicator', project.indicators, used.indicators],
    ['breakdown', project.breakdowns, used.breakdowns],
    ['quote', project.quotes, used.quotes],
    ['person', project.people, used.people],
    ['contact', project.contacts, used.contacts],
    ['organisation', project.organisations, used.organisations],
  ];
  for (const [what, table, ids] of tables) {
    for (const entry of table.values()) {
      if (ids.has(entry.id)) continue;
      const data = context.data(entry.source.file);
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
  };
  for (const body of context.bodies) {
    for (const use of body.file.data.components ?? []) {
      const table =
        use.name === 'Indicator' || use.name === 'KeyFigures' ? used.indicators
        : use.name === 'Quote' ? used.quotes
        : use.name === 'Person' ? used.people
        : undefined;
      // A quote cites its speaker too (ids: quote, person).
      use.ids.forEach((id, i) => (use.name === 'Quote' && i > 0 ? used.people : table)?.add(id));
    }
  }
  for (const release of project.releases) {
    for (const id of [...release.settings.contacts, release.settings.footer_contact]) used.contacts.add(id);
    for (const id of [...release.settings.issuers, ...release.settings.about]) used.organisations.add(id);
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
