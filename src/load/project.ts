import type { VFile } from 'vfile';
import type { Lang } from '../locale/lang.js';
import type { Source } from './place.js';
import type {
  BreakdownData,
  ChartData,
  ContactData,
  GlossaryData,
  IndicatorData,
  OrganisationData,
  PersonData,
  ProjectSettings,
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

/** A document of the content: a press release or a review. */
export type Document = Release | Review;

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
  /** Every document: the releases, then the reviews. */
  readonly documents: readonly Document[];
  /** content/communique.yaml, when the content folder has one. */
  readonly settings?: ProjectSettings;
}

/** The result of loading: the project (when it could be built) and every file with its messages. */
export interface LoadResult {
  readonly project: Project | undefined;
  readonly files: VFile[];
}
