import type { Element, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import { formatDate } from '../locale/format-date.js';
import type { Lang } from '../locale/lang.js';
import { typeset } from '../locale/typography.js';
import { citedValue } from '../load/indicator-values.js';
import type { Project, Review } from '../load/project.js';
import type { IndicatorValue } from '../load/schema.js';
import type { Citation } from '../load/indicator-values.js';
import { figureText } from './chart-figures.js';
import { usedTerms } from './glossary-terms.js';
import type { Templates } from './create-templates.js';
import { pageContext, type PageStateOptions } from './page-context.js';
import { pageFooter, type ReleasePage } from './render-release.js';

/** A heading of a chapter, as the document processor lists it (see rehypeHeadings). */
export interface Heading {
  /** Its level as written: 1 for "#", 2 for "##"… */
  readonly depth: number;
  /** Its text, whitespace collapsed. */
  readonly text: string;
  /** The id made of its words, before it is made unique across the review. */
  readonly slug: string;
  /** Whether it heads a section of the chapter, rather than the block of a component ("Key figures"). */
  readonly section: boolean;
}

/** One chapter of a review in one language: its name, its body as hast, and its headings in document order. */
export interface ReviewChapter {
  /** The chapter's file name without ".mdx", shown when the chapter has no title. */
  readonly name: string;
  /** The processed body; left as it is (the review works on a copy). */
  readonly tree: Root;
  readonly headings: readonly Heading[];
}

/** An entry of the table of contents: a chapter (level 1) or a section of it (level 2). */
export interface TocEntry {
  readonly id: string;
  readonly title: string;
  readonly level: 1 | 2;
}

/** A page whose table of contents gives page numbers, known only once the page is printed. */
export interface NumberedPage {
  /** The ids of the headings the table of contents lists, in order. */
  readonly anchors: readonly string[];
  /** The HTML to print, with these page numbers (1-based) in the table of contents; blank numbers when undefined. */
  render(pages: ReadonlyMap<string, number> | undefined): string;
}

/** A review page: the HTML of the web page (its table of contents without page numbers) and the page to print. */
export interface ReviewPage extends ReleasePage {
  readonly toc: readonly TocEntry[];
  readonly numbered: NumberedPage;
}

/** Options of renderReview. */
export interface RenderReviewOptions extends PageStateOptions {
  /** Relative URL of the shared assets folder from the page (default "../../assets"). */
  readonly assets?: string;
  /** The indicators the review cites (and the date each names, if any), in order of first citation, for the sources appendix (default none). */
  readonly cited?: readonly Citation[];
  /** Whether a quote awaits approval: stamps the page as a draft (default false). */
  readonly draft?: boolean;
}

/** Ids the layout gives to its own parts; headings never take them. */
const LAYOUT_IDS = ['contenu', 'couverture', 'toc', 'toc-title', 'sources', 'glossary'];

/**
 * Assembles a review: cover, table of contents, its chapters in order (headings one level down, so that the cover's
 * title is the only h1, each with an id), the sources appendix (every indicator cited, with its source and date) and
 * the glossary. Each chapter prints on pages of its own, named after it, whose running header is its title.
 */
export function renderReview(project: Project, templates: Templates, review: Review, lang: Lang, chapters: readonly ReviewChapter[], options: RenderReviewOptions = {}): ReviewPage {
  const s = review.settings;
  const strings = templates.strings[lang];
  const text = (value: string) => typeset(value, lang);
  const t = (key: string) => strings[key] ?? key;

  const trees = chapters.map((chapter) => ({ chapter, tree: structuredClone(chapter.tree) }));
  const taken = new Set(LAYOUT_IDS);
  for (const { tree } of trees) for (const block of tree.children) if (block.type === 'element') keepIdsUnique(block, taken);
  const toc: Array<TocEntry & { children: TocEntry[] }> = [];
  const sections = trees.map(({ chapter, tree }, i) => {
    let title: string | undefined;
    let heading: string | undefined;
    // The headings, in the order the processor listed them: each takes its slug, unless its markup gives it an id.
    const headings = chapter.headings[Symbol.iterator]();
    visit(tree, 'element', (node) => {
      if (!/^h[1-6]$/.test(node.tagName)) return;
      const { depth, text, slug, section } = headings.next().value ?? unlisted(chapter.name);
      node.tagName = `h${Math.min(6, depth + 1)}`;
      if (typeof node.properties['id'] !== 'string') node.properties['id'] = uniqueId(slug, taken);
      // The heading of a component (the "Key figures" of <KeyFigures />) is part of a block, not a section: only the
      // chapter's own headings enter the table of contents.
      if (!section) return;
      const id = node.properties['id'] as string;
      if (depth === 1) {
        title ??= text;
        heading ??= id;
        toc.push({ id, title: text, level: 1, children: [] });
      } else if (depth === 2) {
        toc.at(-1)?.children.push({ id, title: text, level: 2 });
      }
    });
    return { id: heading ?? `chapitre-${i + 1}`, title: title ?? chapter.name, pageName: `chapter-${i + 1}`, html: toHtml(tree) };
  });

  const terms = usedTerms(project.glossary, trees.map(({ tree }) => toString(tree)));
  const glossary = [...project.glossary.values()].filter((g) => terms.has(g.id));
  const sourcesTitle = t('sources_title');
  const glossaryTitle = t('glossary_title');
  const appendices = [
    {
      id: 'sources',
      title: sourcesTitle,
      html: templates.partial('review-sources', { lang, title: sourcesTitle, groups: sourceGroups(project, review.settings.date, options.cited ?? [], lang, templates) }),
    },
    // The glossary lists the terms the review uses; a review that uses none has none.
    ...(glossary.length === 0 ? [] : [{
      id: 'glossary',
      title: glossaryTitle,
      html: templates.partial('review-glossary', {
        lang,
        title: glossaryTitle,
        entries: glossary
          .sort((a, b) => a.term.localeCompare(b.term, lang))
          .map((g) => ({ term: g.term, expansion: text(g.expansion[lang]), definition: g.definition ? text(g.definition[lang]) : null })),
      }),
    }]),
  ];
  for (const appendix of appendices) toc.push({ id: appendix.id, title: appendix.title, level: 1, children: [] });
  const all = [...sections, ...appendices.map((a, i) => ({ ...a, pageName: `chapter-${sections.length + i + 1}` }))];

  const context = {
    ...pageContext(project, review, lang, { ...options, strings: templates.strings[lang] }),
    subtitle: s.subtitle ? text(s.subtitle[lang]) : null,
    sections: all,
    footer: pageFooter(project, s.footer_contact, lang, strings),
    pageLabel: t('page'),
    tocTitle: t('toc'),
  };
  const anchors = toc.flatMap((entry) => [entry.id, ...entry.children.map((c) => c.id)]);
  const render = (pages: ReadonlyMap<string, number> | undefined, print: boolean) =>
    templates.layout('review', {
      ...context,
      print,
      toc: toc.map((entry) => ({
        ...entry,
        page: pages?.get(entry.id) ?? '',
        children: entry.children.map((child) => ({ ...child, page: pages?.get(child.id) ?? '' })),
      })),
    });
  return {
    html: render(undefined, false),
    title: context.title,
    author: context.author,
    subject: context.description,
    keywords: s.keywords[lang],
    toc: toc.flatMap(({ children, ...entry }) => [entry, ...children]),
    numbered: { anchors, render: (pages) => render(pages, true) },
  };
}

/**
 * The sources appendix: each source once (by its name and address), in the order of its first citation, with the
 * indicators cited from it: figure, label, as-of date and the note on that date. The value is the one the review
 * cites (in force at its date, or named with at="…"); an indicator with other values says so, with their dates.
 */
function sourceGroups(project: Project, date: string, cited: readonly Citation[], lang: Lang, templates: Templates) {
  const strings = templates.strings[lang];
  const groups = new Map<string, { source: string; url: string | null; rows: Array<Record<string, unknown>> }>();
  for (const { id, at } of cited) {
    const entry = project.indicators.get(id);
    if (!entry) continue;
    const indicator = citedValue(entry, date, at);
    const key = `${indicator.source[lang]}\u0000${indicator.source_url ?? ''}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { source: typeset(indicator.source[lang], lang), url: indicator.source_url ?? null, rows: [] }));
    const other = (value: IndicatorValue, which: 'sources_later' | 'sources_earlier') => {
      const shown = figureText({ ...indicator, ...value }, lang, strings);
      const source = value.source[lang] === indicator.source[lang] ? '' : `, ${value.source[lang]}`;
      return typeset((strings[which] ?? which).replace('{value}', shown).replace('{date}', formatDate(value.as_of, lang)).replace('{source}', source), lang);
    };
    const values = entry.values ?? [];
    const later = values.filter((v) => v.as_of > indicator.as_of!);
    const earlier = values.filter((v) => v.as_of < indicator.as_of!).reverse();
    group.rows.push({
      id,
      label: typeset(indicator.label[lang], lang),
      value: figureText(indicator, lang, strings),
      date: typeof indicator.date === 'number' ? String(indicator.date) : formatDate(indicator.date ?? indicator.as_of ?? '', lang),
      dateNote: indicator.as_of_note ? typeset(indicator.as_of_note[lang], lang) : null,
      history: [...later.map((v) => other(v, 'sources_later')), ...earlier.map((v) => other(v, 'sources_earlier'))],
    });
  }
  return [...groups.values()];
}

/**
 * Gives a fresh id to each element of a block (a paragraph, a chart, key figures…) whose id is taken already (the
 * same chart shown in two chapters), and points the block's own references (aria-labelledby, aria-describedby,
 * #anchors) at it.
 */
function keepIdsUnique(block: Element, taken: Set<string>): void {
  const renamed = new Map<string, string>();
  visit(block, 'element', (node) => {
    const id = node.properties['id'];
    if (typeof id !== 'string') return;
    if (taken.has(id)) {
      const fresh = uniqueId(id, taken);
      renamed.set(id, fresh);
      node.properties['id'] = fresh;
    } else {
      taken.add(id);
    }
  });
  if (renamed.size === 0) return;
  visit(block, 'element', (node) => {
    for (const key of ['ariaLabelledBy', 'ariaDescribedBy']) {
      const value = node.properties[key];
      if (Array.isArray(value)) node.properties[key] = value.map((v) => renamed.get(String(v)) ?? v);
      else if (typeof value === 'string') node.properties[key] = value.split(/\s+/).map((v) => renamed.get(v) ?? v).join(' ');
    }
    const href = node.properties['href'];
    if (typeof href === 'string' && href.startsWith('#') && renamed.has(href.slice(1))) node.properties['href'] = `#${renamed.get(href.slice(1))}`;
  });
}

/** A heading the processor did not list: the chapter was not made by the document processor. */
function unlisted(name: string): never {
  throw new Error(`The chapter "${name}" has a heading its list of headings does not have: make chapters with the document processor.`);
}

function uniqueId(base: string, taken: Set<string>): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}
