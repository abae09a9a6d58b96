import type { Element, ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import type { Plugin } from 'unified';
import { visit } from 'unist-util-visit';
import { parseFigure } from '../locale/format-number.js';
import type { Lang } from '../locale/lang.js';

/** Words that may stand before a figure in a table cell ("près de 4 M€", "more than 2,800"). */
const APPROXIMATIONS: Record<Lang, RegExp> = {
  fr: /^(?:(?:près de|plus de|environ|moins de|env\.|~|≈)\s*)?$/iu,
  en: /^(?:(?:nearly|about|more than|less than|over|around|~|≈)\s*)?$/iu,
};

/** What a cell of a column of figures says when the source gives no figure: such a cell leaves the column aligned right. */
const NOT_GIVEN: Record<Lang, RegExp> = {
  fr: /^(?:(?:non (?:précisé|précisée|communiqué|communiquée|disponible|renseigné|connu)(?: par la source| dans la source)?)|n\.?\s?c\.?|n\.?\s?d\.?|s\.?\s?o\.?|—|–|-|\?)$/iu,
  en: /^(?:(?:not (?:stated|given|available|known|disclosed|published)(?: by the source| in the source)?)|n\/?a|—|–|-|\?)$/iu,
};

/** The class numeric cells get: right-aligned, tabular figures (templates/styles). */
export const NUMBER_CELL = 'num';

/**
 * Right-aligns the columns of figures: in each table, a column whose body cells all hold a figure (an <Indicator />,
 * possibly after "près de" / "about", or a number the language reads: "2 800", "39,7 M€", "8 %", "2018-2022"), with
 * its header cell, gets the class "num"; so does a column aligned right in Markdown (`--:`). A column that mixes
 * figures and words stays aligned left, as one column; a cell saying that the source gives no figure ("non précisé par
 * la source", "n.c.", "—" / "not stated by the source", "n/a") counts as neither.
 */
export const rehypeNumberCells: Plugin<[], Root> = () => (tree, file) => {
  const lang: Lang = file.data.lang ?? 'fr';
  visit(tree, 'element', (table) => {
    if (table.tagName !== 'table') return;
    const head: Element[][] = [];
    const body: Element[][] = [];
    for (const group of elements(table.children)) {
      const rows = group.tagName === 'tr' ? [group] : elements(group.children).filter((row) => row.tagName === 'tr');
      for (const row of rows) (group.tagName === 'thead' ? head : body).push(elements(row.children).filter((c) => c.tagName === 'td' || c.tagName === 'th'));
    }
    const columns = Math.max(0, ...[...head, ...body].map((row) => row.length));
    for (let column = 0; column < columns; column++) {
      const cells = body.map((row) => row[column]).filter((cell): cell is Element => cell !== undefined);
      const filled = cells.filter((cell) => toString(cell).trim() !== '' && !NOT_GIVEN[lang].test(toString(cell).replace(/[\s\u00A0\u202F]+/g, ' ').trim()));
      const right = cells.some((cell) => cell.properties['align'] === 'right');
      if (!right && (filled.length === 0 || !filled.every((cell) => isFigure(cell, lang)))) continue;
      for (const row of [...head, ...body]) {
        const cell = row[column];
        if (!cell) continue;
        const classes = Array.isArray(cell.properties['className']) ? cell.properties['className'] : [];
        if (!classes.includes(NUMBER_CELL)) cell.properties['className'] = [...classes, NUMBER_CELL];
      }
    }
  });
};

function elements(nodes: readonly ElementContent[]): Element[] {
  return nodes.filter((node): node is Element => node.type === 'element');
}

/** Whether a cell holds one figure: a number the language reads, or an <Indicator /> with at most an approximation. */
function isFigure(cell: Element, lang: Lang): boolean {
  const text = toString(cell).trim();
  if (parseFigure(text, lang) !== null || /^\d{4}[-–]\d{4}$/.test(text)) return true;
  let figures = '';
  visit(cell, 'element', (node) => {
    if (node.properties['dataIndicator'] === undefined) return undefined;
    figures += toString(node);
    return 'skip';
  });
  if (figures === '') return false;
  const rest = text.replace(figures.trim(), '').replace(/[\s\u00A0\u202F]+/g, ' ').trim();
  return APPROXIMATIONS[lang].test(rest);
}
