import { formatFigure } from '../locale/format-number.js';
import type { Entry } from '../load/project.js';
import type { IndicatorData } from '../load/schema.js';
import type { CheckContext } from './context.js';
import { plain } from './figures.js';
import { report } from './report.js';

const EPSILON = 1e-9;

/** breakdown (error): the shares of a breakdown sum to 100 % or name their remainder; a part never exceeds its whole (part_of). */
export function breakdown(context: CheckContext): void {
  const { indicators, breakdowns } = context.project;
  for (const entry of breakdowns.values()) {
    const data = context.data(entry.definedAt.file);
    if (!data) continue;
    const at = (path: Array<string | number>, key = false) => (key ? data.places.key([entry.id, ...path]) : data.places.value([entry.id, ...path]));
    let sum = 0;
    let shares = true;
    entry.parts.forEach((id, i) => {
      const part = indicators.get(id);
      if (!part) return; // reported when loading
      if (entry.parts.indexOf(id) !== i) {
        report(data.file, `The share "${id}" is listed twice in the breakdown "${entry.id}": list each part once.`, 'breakdown', 'error', at(['parts', i]));
        return;
      }
      if (part.unit !== 'percent' || typeof part.value !== 'number') {
        shares = false;
        report(data.file, `The part "${id}" of the breakdown "${entry.id}" is a ${part.unit}, not a share: the parts of a breakdown are indicators in percent (unit: percent) that divide one whole.`, 'breakdown', 'error', at(['parts', i]));
        return;
      }
      sum += part.value;
    });
    if (!shares) continue;
    const total = plain(formatFigure(Math.round(sum * 100) / 100, 'percent', 'en'));
    const rest = plain(formatFigure(Math.round((100 - sum) * 100) / 100, 'percent', 'en'));
    if (sum > 100 + EPSILON) {
      report(data.file, `The shares of the breakdown "${entry.id}" sum to ${total}, more than the whole (100%): one of them is wrong. Check each value against the source.`, 'breakdown', 'error', at(['parts']));
    } else if (sum < 100 - EPSILON && !entry.remainder) {
      report(
        data.file,
        `The shares of the breakdown "${entry.id}" sum to ${total}: the other ${rest} are not accounted for. Name them with "remainder: { label: { fr: …, en: … } }", and add "unknown: true" when the source does not say what they are.`,
        'breakdown',
        'error',
        at([], true),
      );
    } else if (Math.abs(sum - 100) <= EPSILON && entry.remainder) {
      report(data.file, `The shares of the breakdown "${entry.id}" already sum to 100%, yet it declares a remainder: remove "remainder", or correct the shares.`, 'breakdown', 'warning', at(['remainder'], true));
    }
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

/** The ids of the wholes above an indicator, nearest first, stopping at the first repeat. */
function wholesOf(part: Entry<IndicatorData>, indicators: ReadonlyMap<string, Entry<IndicatorData>>): string[] {
  const chain: string[] = [];
  for (let id = part.part_of; id !== undefined && !chain.includes(id); id = indicators.get(id)?.part_of) chain.push(id);
  return chain;
}
