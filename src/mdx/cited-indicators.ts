import type { Citation } from '../load/indicator-values.js';
import type { ComponentUse } from './data.js';

/** The indicators that component uses cite, in order of first citation: <Indicator />, <KeyFigures /> and the figures of a <Chart /> (its first id is the chart's). */
export function citedIndicators(uses: readonly ComponentUse[]): string[] {
  return [...new Set(citations(uses).map((c) => c.id))];
}

export type { Citation } from '../load/indicator-values.js';

/** The citations of indicators of component uses, in order of first citation, each id and date once. */
export function citations(uses: readonly ComponentUse[]): Citation[] {
  const seen = new Map<string, Citation>();
  const add = (id: string, at: string | undefined) => {
    const key = `${id}@${at ?? ''}`;
    if (!seen.has(key)) seen.set(key, at === undefined ? { id } : { id, at });
  };
  for (const use of uses) {
    if (use.name === 'Indicator' || use.name === 'KeyFigures') use.ids.forEach((id) => add(id, use.at));
    else if (use.name === 'Chart') use.ids.slice(1).forEach((id) => add(id, undefined));
  }
  return [...seen.values()];
}
