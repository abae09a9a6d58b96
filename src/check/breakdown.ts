import type { Position } from 'unist';
import type { VFile } from 'vfile';
import { formatFigure } from '../locale/format-number.js';
import type { Entry } from '../load/project.js';
import type { IndicatorData } from '../load/schema.js';
import type { CheckContext } from './context.js';
import { plain } from './figures.js';
import { report } from '../core/messages.js';

const EPSILON = 1e-9;

/**
 * breakdown (error): the shares of a breakdown, and of a donut chart drawn from `indicators:`, sum to 100 % (within
 * the `rounding` they declare) or name their remainder; a part never exceeds its whole (part_of).
 */
export function breakdown(context: CheckContext): void {
  const { indicators, breakdowns, charts } = context.project;
  for (const entry of breakdowns.values()) {
    const data = context.data(entry.definedAt.file);
    if (!data) continue;
    const at = (path: Array<string | number>, key = false) => (key ? data.places.key([entry.id, ...path]) : data.places.value([entry.id, ...path]));
    checkShares(context, { file: data.file, what: `the breakdown "${entry.id}"`, id: entry.id, parts: entry.parts, rounding: entry.rounding, remainder: entry.remainder !== undefined, at });
  }
  for (const chart of charts.values()) {
    // A donut shows the parts of one whole: drawn from indicators in percent, they are shares, checked like a breakdown.
    if (chart.kind !== 'donut' || !chart.indicators) continue;
    if (!chart.indicators.every((id) => indicators.get(id)?.unit === 'percent')) continue;
    const data = context.data(chart.definedAt.file);
    if (!data) continue;
    const at = (path: Array<string | number>, key = false) => (key ? data.places.key([chart.id, ...path]) : data.places.value([chart.id, ...path]));
    checkShares(context, { file: data.file, what: `the donut chart "${chart.id}"`, id: chart.id, parts: chart.indicators, rounding: chart.rounding, remainder: false, chart: true, at });
  }

  for (const part of indicators.values()) {
    if (!part.part_of) continue;
    const data = context.data(part.definedAt.file);
    const whole = indicators.get(part.part_of);
    if (!data || !whole) continue; // an unknown id is reported when loading
    const chain = wholesOf(part, indicators);
    if (chain.includes(part.id)) {
      report(data.file, `"${part.id}" is, through part_of, a part of itself (${[part.id, ...chain.slice(0, chain.indexOf(part.id) + 1)].join(' → ')}): a part_of chain must end at a whole.`, 'breakdown', 'error', data.places.value([part.id, 'part_of']));
      continue;
    }
    if (typeof part.value !== 'number' || typeof whole.value !== 'number' || part.unit === 'year' || whole.unit === 'year') {
      report(data.file, `"${part.id}" (${part.unit}) is declared part of "${whole.id}" (${whole.unit}): only counts, amounts and areas have parts. Remove part_of.`, 'breakdown', 'error', data.places.value([part.id, 'part_of']));
      continue;
    }
    if (part.unit !== whole.unit && part.unit !== 'percent') {
      report(data.file, `"${part.id}" is a ${part.unit} but is declared part of "${whole.id}", a ${whole.unit}: a part is measured like its whole (or is a percent of it). Correct the unit or part_of.`, 'breakdown', 'error', data.places.value([part.id, 'part_of']));
      continue;
    }
    const limit = part.unit === 'percent' && whole.unit !== 'percent' ? 100 : whole.value;
    if (part.value > limit + EPSILON) {
      const shown = (i: Entry<IndicatorData>) => plain(formatFigure(i.value, i.unit, 'en'));
      report(
        data.file,
        `The part "${part.id}" (${shown(part)}) exceeds its whole "${whole.id}" (${part.unit === 'percent' && whole.unit !== 'percent' ? '100%' : shown(whole)}): a part is never more than its whole. One of the two values is wrong; check them against the source.`,
        'breakdown',
        'error',
        data.places.value([part.id, 'value']),
      );
    }
  }
}

/** Shares to check: a breakdown's parts, or a donut chart's indicators. */
interface Shares {
  readonly file: VFile;
  /** How a message names them: `the breakdown "x"`. */
  readonly what: string;
  readonly id: string;
  readonly parts: readonly string[];
  /** Percentage points by which the rounded shares may miss 100. */
  readonly rounding: number | undefined;
  readonly remainder: boolean;
  /** A chart: its indicators are under "indicators", and it cannot name a remainder. */
  readonly chart?: boolean;
  readonly at: (path: Array<string | number>, key?: boolean) => Position | undefined;
}

/** The shares sum to 100 % within their rounding, or name their remainder; each part is a percent, listed once. */
function checkShares(context: CheckContext, shares: Shares): void {
  const { file, what, at } = shares;
  const list = shares.chart ? 'indicators' : 'parts';
  let sum = 0;
  let valid = true;
  shares.parts.forEach((id, i) => {
    const part = context.project.indicators.get(id);
    if (!part) return; // reported when loading
    if (shares.parts.indexOf(id) !== i) {
      report(file, `The share "${id}" is listed twice in ${what}: list each part once.`, 'breakdown', 'error', at([list, i]));
      return;
    }
    if (part.unit !== 'percent' || typeof part.value !== 'number') {
      valid = false;
      report(file, `The part "${id}" of ${what} is a ${part.unit}, not a share: the parts of a breakdown are indicators in percent (unit: percent) that divide one whole.`, 'breakdown', 'error', at([list, i]));
      return;
    }
    sum += part.value;
  });
  if (!valid) return;
  const tolerance = (shares.rounding ?? 0) + EPSILON;
  const shown = (value: number) => plain(formatFigure(Math.round(value * 100) / 100, 'percent', 'en'));
  const margin = (sign: 1 | -1) => (shares.rounding === undefined ? '' : `, or ${shown(100 + sign * shares.rounding)} with the rounding it declares`);
  // A sum a point or less away from 100 may be rounding: say how to declare it.
  const roundingHint = shares.rounding === undefined && Math.abs(sum - 100) <= 1 ? ` If the published shares are rounded (summing to 100.1%, say), declare it with "rounding: 0.3" (percentage points).` : '';
  if (sum > 100 + tolerance) {
    report(file, `The shares of ${what} sum to ${shown(sum)}, more than the whole (100%${margin(1)}): one of them is wrong. Check each value against the source.${roundingHint}`, 'breakdown', 'error', at([list]));
  } else if (sum < 100 - tolerance && !shares.remainder) {
    report(
      file,
      shares.chart
        ? `The shares of ${what} sum to ${shown(sum)}${margin(-1) ? ` (less than 100%${margin(-1)})` : ''}: a donut shows the parts of one whole, and the other ${shown(100 - sum)} would be missing from it. Draw it from a breakdown that names its remainder ("breakdown: <id>" in data/breakdowns.yaml), or correct the shares.${roundingHint}`
        : `The shares of ${what} sum to ${shown(sum)}${margin(-1) ? ` (less than 100%${margin(-1)})` : ''}: the other ${shown(100 - sum)} are not accounted for. Name them with "remainder: { label: { fr: …, en: … } }", and add "unknown: true" when the source does not say what they are.${roundingHint}`,
      'breakdown',
      'error',
      at([], true),
    );
  } else if (Math.abs(sum - 100) <= tolerance && shares.remainder) {
    report(file, `The shares of ${what} already sum to 100%${shares.rounding === undefined ? '' : ' (within the rounding it declares)'}, yet it declares a remainder: remove "remainder", or correct the shares.`, 'breakdown', 'warning', at(['remainder'], true));
  }
}

/** The ids of the wholes above an indicator, nearest first, stopping at the first repeat. */
function wholesOf(part: Entry<IndicatorData>, indicators: ReadonlyMap<string, Entry<IndicatorData>>): string[] {
  const chain: string[] = [];
  for (let id = part.part_of; id !== undefined && !chain.includes(id); id = indicators.get(id)?.part_of) chain.push(id);
  return chain;
}
