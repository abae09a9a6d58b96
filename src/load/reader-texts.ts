import type { Lang } from '../locale/lang.js';
import { fillIndicators } from './indicator-placeholders.js';
import type { Document, Entry, Project } from './project.js';

/**
 * A text a reader sees that is written in YAML rather than in a body, in both languages: a document's title,
 * subtitle, description, keywords and date note, an organisation's "À propos" title and paragraphs, a chart's title
 * and text alternative, a glossary definition. The figure rules check these like the bodies.
 */
export interface ReaderText {
  /** The YAML file (as in `Source.file`). */
  readonly file: string;
  /** The path of its `{ fr, en }` mapping in the file; each language holds a text, or a list of texts (`list`). */
  readonly path: ReadonlyArray<string | number>;
  readonly list: boolean;
  /** What a reader knows it as, for messages: "title", "keywords", "\"À propos\" text of \"anct\""… */
  readonly what: string;
  /** The document whose settings hold it; none for the texts of the data. */
  readonly document?: Document;
  /** The texts as loaded, in each language (one, or the items of a list), placeholders not yet filled. */
  readonly values: Readonly<Record<Lang, readonly string[]>>;
}

type Bilingual = { readonly fr: string; readonly en: string };
type BilingualList = { readonly fr: readonly string[]; readonly en: readonly string[] };

const values = (value: Bilingual | BilingualList): Record<Lang, readonly string[]> => ({
  fr: typeof value.fr === 'string' ? [value.fr] : value.fr,
  en: typeof value.en === 'string' ? [value.en] : value.en,
});

/** The fields of a document's settings that a reader sees, in the order they are checked. */
const DOCUMENT_FIELDS = [
  ['title', 'title', false],
  ['subtitle', 'subtitle', false],
  ['description', 'description', false],
  ['keywords', 'keyword list', true],
  ['date_note', 'date note', false],
] as const;

/** Every text a reader sees that the YAML files of a project hold (see ReaderText). */
export function readerTexts(project: Project): ReaderText[] {
  const texts: ReaderText[] = [];
  for (const document of project.documents) {
    const settings = document.settings as Partial<Record<(typeof DOCUMENT_FIELDS)[number][0], Bilingual | BilingualList>>;
    for (const [key, what, list] of DOCUMENT_FIELDS) {
      const value = settings[key];
      if (value !== undefined) texts.push({ file: document.source.file, path: [key], list, what, document, values: values(value) });
    }
  }
  for (const o of project.organisations.values()) {
    if (!o.about) continue;
    texts.push({ file: o.definedAt.file, path: [o.id, 'about', 'title'], list: false, what: `"À propos" title of "${o.id}"`, values: values(o.about.title) });
    texts.push({ file: o.definedAt.file, path: [o.id, 'about', 'text'], list: true, what: `"À propos" text of "${o.id}"`, values: values(o.about.text) });
  }
  for (const chart of project.charts.values()) {
    texts.push({ file: chart.definedAt.file, path: [chart.id, 'title'], list: false, what: `title of the chart "${chart.id}"`, values: values(chart.title) });
    texts.push({ file: chart.definedAt.file, path: [chart.id, 'description'], list: false, what: `text alternative of the chart "${chart.id}"`, values: values(chart.description) });
  }
  for (const entry of project.glossary.values()) {
    if (entry.definition) texts.push({ file: entry.definedAt.file, path: [entry.id, 'definition'], list: false, what: `glossary definition of "${entry.term}"`, values: values(entry.definition) });
  }
  return texts;
}


/** A project whose reader texts (see ReaderText) have their `{indicator:id}` placeholders written out, per language. */
export function fillReaderTexts(project: Project): Project {
  // The texts of the data are shared by documents of every date: they show the latest value, unless they name one.
  const filler = (date?: string) => {
    const fill = (text: string, lang: Lang) => fillIndicators(text, lang, project.indicators, date);
    const one = <T extends Bilingual | undefined>(b: T): T => (b === undefined ? b : ({ ...b, fr: fill(b.fr, 'fr'), en: fill(b.en, 'en') } as T));
    const list = <T extends BilingualList>(b: T): T => ({ ...b, fr: b.fr.map((t) => fill(t, 'fr')), en: b.en.map((t) => fill(t, 'en')) });
    return { one, list };
  };
  const { one, list } = filler();
  const map = <T>(entries: ReadonlyMap<string, Entry<T>>, change: (entry: Entry<T>) => Entry<T>) => new Map([...entries].map(([id, entry]) => [id, change(entry)]));

  const settings = <D extends Document>(document: D): D => {
    const s = document.settings as D['settings'] & { subtitle?: Bilingual };
    // A document's own texts cite the values in force at its date.
    const { one, list } = filler(s.date);
    const filled = {
      ...s,
      title: one(s.title),
      description: one(s.description),
      keywords: list(s.keywords),
      ...(s.date_note ? { date_note: one(s.date_note) } : {}),
      ...(s.subtitle ? { subtitle: one(s.subtitle) } : {}),
    };
    return { ...document, settings: filled };
  };
  const releases = project.releases.map(settings);
  const reviews = project.reviews.map(settings);
  const collections = project.collections.map(settings);
  return {
    ...project,
    organisations: map(project.organisations, (o) => (o.about ? { ...o, about: { title: one(o.about.title), text: list(o.about.text) } } : o)),
    charts: map(project.charts, (c) => ({ ...c, title: one(c.title), description: one(c.description) })),
    glossary: map(project.glossary, (g) => (g.definition ? { ...g, definition: one(g.definition) } : g)),
    releases,
    reviews,
    collections,
    documents: [...releases, ...reviews, ...collections],
  };
}
