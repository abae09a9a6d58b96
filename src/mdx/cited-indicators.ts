import type { ComponentUse } from './data.js';

/** The indicators that component uses cite, in order of first citation: <Indicator />, <KeyFigures /> and the figures of a <Chart /> (its first id is the chart's). */
export function citedIndicators(uses: readonly ComponentUse[]): string[] {
  const ids = new Set<string>();
  for (const use of uses) {
    if (use.name === 'Indicator' || use.name === 'KeyFigures') use.ids.forEach((id) => ids.add(id));
    else if (use.name === 'Chart') use.ids.slice(1).forEach((id) => ids.add(id));
  }
  return [...ids];
}
