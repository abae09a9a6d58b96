import type { VFile } from 'vfile';
import type { Lang } from '../locale/lang.js';
import type { Source } from './place.js';
import type {
  BreakdownData,
  ContactData,
  IndicatorData,
  OrganisationData,
  PersonData,
  ProjectSettings,
  QuoteData,
  ReleaseData,
} from './schema.js';

/** A data entry with its id and where it was defined. */
export type Entry<T> = T & { readonly id: string; readonly source: Source };

/** An MDX body of a document in one language. */
export interface Body {
  readonly lang: Lang;
  /** Path shown in messages. */
  readonly path: string;
  readonly text: string;
}

/** A press release: its settings and its two bodies. */
export interface Release {
  readonly kind: 'release';
  readonly slug: string;
  readonly dir: string;
  readonly settings: ReleaseData;
  readonly source: Source;
  /** Locates a path of release.yaml (for messages about its settings). */
  readonly locate: (path: ReadonlyArray<PropertyKey>) => Source;
  readonly bodies: Partial<Record<Lang, Body>>;
}

/** Everything a content folder holds, validated and cross-referenced. */
export interface Project {
  readonly root: string;
  readonly indicators: ReadonlyMap<string, Entry<IndicatorData>>;
  readonly breakdowns: ReadonlyMap<string, Entry<BreakdownData>>;
  readonly people: ReadonlyMap<string, Entry<PersonData>>;
  readonly quotes: ReadonlyMap<string, Entry<QuoteData>>;
  readonly contacts: ReadonlyMap<string, Entry<ContactData>>;
  readonly organisations: ReadonlyMap<string, Entry<OrganisationData>>;
  readonly releases: readonly Release[];
  /** content/communique.yaml, when the content folder has one. */
  readonly settings?: ProjectSettings;
}

/** The result of loading: the project (when it could be built) and every file with its messages. */
export interface LoadResult {
  readonly project: Project | undefined;
  readonly files: VFile[];
}
