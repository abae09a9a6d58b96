import type { VFile } from 'vfile';
import type { Lang } from '../locale/lang.js';
import type { Source } from './place.js';
import type {
  BreakdownData,
  ChartData,
  CollectionData,
  ContactData,
  FieldData,
  GlossaryData,
  IndicatorData,
  OrganisationData,
  PersonData,
  ProjectSettings,
  SiteData,
  QuoteData,
  ReleaseData,
  ReviewData,
} from './schema.js';

/**
 * A data entry with its id and where it was defined (`definedAt`; an indicator's `source` is the publication its
 * figure comes from).
 */
export type Entry<T> = T & { readonly id: string; readonly definedAt: Source };

/** An MDX body of a document in one language. */
export interface Body {
  readonly lang: Lang;
  /** Path shown in messages. */
  readonly path: string;
  readonly text: string;
}

/** One text of a document in both languages: the body of a release, or one chapter of a review. */
export interface Part {
  /** "" for a release's body; a chapter's file name without ".mdx" (e.g. "01-introduction"). */
  readonly name: string;
  readonly bodies: Partial<Record<Lang, Body>>;
}

/** What every kind of document has: a folder, settings in a YAML file, and its texts in both languages. */
interface DocumentBase {
  readonly slug: string;
  readonly dir: string;
  readonly source: Source;
  /** Locates a path of the settings file (release.yaml, review.yaml), for messages about its settings. */
  readonly locate: (path: ReadonlyArray<PropertyKey>) => Source;
  /** The texts, in order: a release has one, a review one per chapter. */
  readonly parts: readonly Part[];
}

/** A press release: its settings and its two bodies. */
export interface Release extends DocumentBase {
  readonly kind: 'release';
  readonly settings: ReleaseData;
  /** The body in each language (the one part of a release). */
  readonly bodies: Partial<Record<Lang, Body>>;
}

/** A full review (bilan): its settings and its chapters, in both languages. */
export interface Review extends DocumentBase {
  readonly kind: 'review';
  readonly settings: ReviewData;
}

/** The value of a field in a row: a text (the same in both languages, or one per language) or a number. */
export type FieldValue = string | number | { readonly fr: string; readonly en: string };

/** A row of a collection's dataset that passed validation: one sheet per language. */
export interface Row {
  /** The value of the collection's id field: the name of the sheet's folder. */
  readonly id: string;
  /** Each field's value; an optional field left empty is absent. */
  readonly values: ReadonlyMap<string, FieldValue>;
  /** Where the row is in the dataset. */
  readonly source: Source;
}

/** A collection (mail merge): one sheet per row of a dataset, from one body per language. */
export interface Collection extends DocumentBase {
  readonly kind: 'collection';
  readonly settings: CollectionData;
  /** The fields of its rows, by name, in the order of collection.yaml. */
  readonly fields: ReadonlyMap<string, FieldData>;
  /** The rows that passed validation, in the dataset's order; a bad row is reported and left out. */
  readonly rows: readonly Row[];
  /** The rows left out, by their number in the dataset (1 = first row after the header). */
  readonly skipped: number;
  /** The body in each language (the one part of a collection). */
  readonly bodies: Partial<Record<Lang, Body>>;
}

/** A document of the content: a press release, a review or a collection of sheets. */
export type Document = Release | Review | Collection;

/** Everything a content folder holds, validated and cross-referenced. */
export interface Project {
  readonly root: string;
  readonly indicators: ReadonlyMap<string, Entry<IndicatorData>>;
  readonly breakdowns: ReadonlyMap<string, Entry<BreakdownData>>;
  readonly people: ReadonlyMap<string, Entry<PersonData>>;
  readonly quotes: ReadonlyMap<string, Entry<QuoteData>>;
  readonly contacts: ReadonlyMap<string, Entry<ContactData>>;
  readonly organisations: ReadonlyMap<string, Entry<OrganisationData>>;
  readonly charts: ReadonlyMap<string, Entry<ChartData>>;
  readonly glossary: ReadonlyMap<string, Entry<GlossaryData>>;
  readonly releases: readonly Release[];
  readonly reviews: readonly Review[];
  readonly collections: readonly Collection[];
  /** Every document: the releases, then the reviews, then the collections. */
  readonly documents: readonly Document[];
  /** content/communique.yaml, when the content folder has one. */
  readonly settings?: ProjectSettings;
  /** content/site.yaml, when the content folder has one: what `publish` shows of the site. */
  readonly site?: SiteData;
}

/** The result of loading: the project (when it could be built) and every file with its messages. */
export interface LoadResult {
  readonly project: Project | undefined;
  readonly files: VFile[];
}
