import { z } from 'zod';
import { SLUG } from '../core/slug.js';

/** Identifiers of data entries: lowercase letters, digits, "_" and "-", starting with a letter. */
export const idSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,63}$/, 'an id of lowercase letters, digits, "_" or "-", starting with a letter (e.g. "fonds_vert_eur")');

const text = z.string().trim().min(1, 'a non-empty text');

/** How far rounded shares may sum from 100, in percentage points: published shares rounded to a tenth may make 100.1 %. */
const roundingSchema = z.number().positive('a positive number of percentage points (e.g. 0.3)').max(5, 'at most 5 percentage points; a larger gap is not rounding').optional();

/** A text in French and in English. */
export const bilingualSchema = z.strictObject({ fr: text, en: text });

/** An ISO calendar date, YYYY-MM-DD. */
export const isoDateSchema = z.iso.date('a date written YYYY-MM-DD (e.g. 2025-03-20)');

/** The value of an indicator: a number, or a [from, to] pair of years for a period. */
const indicatorNumberSchema = z.union([z.number(), z.tuple([z.number().int(), z.number().int()])], {
  error: 'a number (e.g. 39700000), or a [from, to] pair of years for a period',
});

/** One value of an indicator over time (an entry of `values:`): the figure, the date it is true at, its source. */
export const indicatorValueSchema = z.strictObject({
  value: indicatorNumberSchema,
  /** The date the value is true at. */
  as_of: isoDateSchema,
  source: bilingualSchema,
  source_url: z.url({ protocol: /^https?$/, error: 'an http(s) URL' }).optional(),
  approximate: z.enum(['about', 'more_than', 'nearly']).optional(),
  note: text.optional(),
  /** How `as_of` was set when the source gives no date. */
  as_of_note: bilingualSchema.optional(),
});

/** The fields of an indicator that belong to each of its values when it has several (`values:`). */
export const VALUE_FIELDS = ['value', 'as_of', 'source', 'source_url', 'approximate', 'note', 'as_of_note'] as const;

/**
 * An indicator: one published figure with its unit, label and source; or several values over time (`values:`, each
 * with its as_of and source); or a fact about an event (`kind: event`) with its date.
 */
export const indicatorSchema = z
  .strictObject({
    value: indicatorNumberSchema.optional(),
    unit: z.enum(['count', 'eur', 'percent', 'hectare', 'year', 'period']),
    /** "figure" (default): a measure, true at its `as_of` date; "event": a fact about an event (a launch, a signature), true from its `date` on. */
    kind: z.enum(['figure', 'event']).optional(),
    label: bilingualSchema,
    /** The date the figure is true at (a figure; not for an event). */
    as_of: isoDateSchema.optional(),
    /** The date of the event (an event only): YYYY-MM-DD, or the year alone (2018) when the source gives no day. */
    date: z.union([isoDateSchema, z.number().int().min(1000).max(9999)], { error: 'a date written YYYY-MM-DD, or a year such as 2018' }).optional(),
    source: bilingualSchema.optional(),
    source_url: z.url({ protocol: /^https?$/, error: 'an http(s) URL' }).optional(),
    approximate: z.enum(['about', 'more_than', 'nearly']).optional(),
    part_of: idSchema.optional(),
    note: text.optional(),
    /** How `as_of` was set when the source gives no date; shown next to it in a review's sources appendix. */
    as_of_note: bilingualSchema.optional(),
    /** The figure describes a closed period (phase I, 2018-2022) and will not be updated: its age is never reported (default false). */
    historical: z.boolean().optional(),
    /**
     * The values of the figure over time, each with its as_of and source (instead of value, as_of and source): a
     * document cites the value in force at its date, the latest whose as_of is not after it.
     */
    values: z.array(indicatorValueSchema).min(1, 'at least one value: { value: …, as_of: YYYY-MM-DD, source: { fr: …, en: … } }').optional(),
  })
  .superRefine((indicator, context) => {
    if (indicator.values !== undefined) {
      if (indicator.kind === 'event') {
        context.addIssue({ code: 'custom', path: ['values'], input: indicator.values, params: { unexpected: true }, message: 'an event (kind: event) happens once, on its "date": it has one value. Remove "values", or remove "kind: event" if the figure is a measure that changes over time' });
        return;
      }
      for (const field of [...VALUE_FIELDS, 'date'] as const) {
        if (indicator[field] === undefined) continue;
        context.addIssue({
          code: 'custom',
          path: [field],
          input: indicator[field],
          params: { unexpected: true },
          message: `an indicator with "values" gives each value its own ${VALUE_FIELDS.filter((f) => f !== 'note').join(', ')}: move "${field}" into the value${field === 'date' ? ' (as "as_of")' : ''} it belongs to, under "values"`,
        });
      }
      // Listed oldest first, so that the history reads in order (and messages point at the right value).
      indicator.values.forEach((value, i) => {
        const previous = indicator.values![i - 1];
        if (!previous || previous.as_of < value.as_of) return;
        context.addIssue({
          code: 'custom',
          path: ['values', i, 'as_of'],
          input: value.as_of,
          params: { unexpected: true },
          message:
            previous.as_of === value.as_of
              ? `value ${i + 1} has the same as_of as value ${i} (${value.as_of}): each value is true at its own date. Correct the date, or remove one of the two`
              : `value ${i + 1} (as of ${value.as_of}) comes after value ${i} (as of ${previous.as_of}): list the values oldest first, the newest last`,
        });
      });
      return;
    }
    if (indicator.value === undefined) {
      context.addIssue({ code: 'custom', path: ['value'], input: undefined, message: 'a number (e.g. 39700000), or a [from, to] pair of years for a period; or "values", a list of values over time, each with its as_of and source' });
    }
    if (indicator.source === undefined) {
      context.addIssue({ code: 'custom', path: ['source'], input: undefined, message: 'the publication the figure comes from, in both languages: source: { fr: "…", en: "…" }' });
    }
    const event = indicator.kind === 'event';
    const [wanted, other] = event ? (['date', 'as_of'] as const) : (['as_of', 'date'] as const);
    if (indicator[wanted] === undefined && indicator[other] !== undefined) {
      context.addIssue({
        code: 'custom',
        path: [other],
        input: indicator[other],
        params: { unexpected: true },
        message: event
          ? 'an event (kind: event) is dated by "date", the day or year it happened: rename "as_of" to "date"'
          : 'a figure is dated by "as_of", the date it is true at: rename "date" to "as_of", or write "kind: event" if the figure tells of an event (a launch, a signature)',
      });
    } else if (indicator[wanted] === undefined) {
      context.addIssue({
        code: 'custom',
        path: [wanted],
        input: undefined,
        message: event ? 'the date of the event (YYYY-MM-DD, or a year such as 2018)' : 'the date the figure is true at, YYYY-MM-DD (e.g. 2025-03-20); for a fact about an event, "kind: event" and its "date"',
      });
    } else if (indicator[other] !== undefined) {
      context.addIssue({
        code: 'custom',
        path: [other],
        input: indicator[other],
        params: { unexpected: true },
        message: event ? 'an event has no "as_of": its "date" says when it happened; remove "as_of"' : 'a figure has no "date": its "as_of" says when it is true; remove "date", or write "kind: event" if the figure tells of an event',
      });
    }
  });

/** The date an indicator is true from: its `as_of`, or the date of its event (a year alone stands for its first day). */
export function indicatorDate(indicator: IndicatorData): string {
  if (indicator.kind === 'event') return typeof indicator.date === 'number' ? `${indicator.date}-01-01` : indicator.date ?? '';
  return indicator.as_of ?? '';
}

/** A breakdown: indicators (shares) that divide one whole, with what the remainder is. */
export const breakdownSchema = z.strictObject({
  label: bilingualSchema,
  parts: z.array(idSchema).min(2, 'at least two indicator ids'),
  /** The shares are rounded: their sum may differ from 100 by up to this many percentage points (e.g. 0.3). */
  rounding: roundingSchema,
  remainder: z
    .strictObject({
      label: bilingualSchema,
      unknown: z.boolean().optional(),
    })
    .optional(),
});

/** A person who may be quoted. */
export const personSchema = z.strictObject({
  name: text,
  role: bilingualSchema,
  cabinet: idSchema.optional(),
});

/** A quote: the exact words of a speaker, in both languages. */
export const quoteSchema = z.strictObject({
  speaker: idSchema,
  text: bilingualSchema,
  context: text.optional(),
});

/** A press contact. */
export const contactSchema = z.strictObject({
  organisation: idSchema,
  label: bilingualSchema,
  name: text.optional(),
  email: z.email('an e-mail address such as presse@exemple.gouv.fr'),
  phone: text.optional(),
  country: z.string().regex(/^[A-Z]{2}$/, 'a two-letter country code such as FR').optional(),
});

/** An organisation: issuer, "À propos" boilerplate, address, identity. */
export const organisationSchema = z.strictObject({
  name: bilingualSchema,
  short: text,
  about: z
    .strictObject({
      title: bilingualSchema,
      text: z.strictObject({ fr: z.array(text).min(1), en: z.array(text).min(1) }),
    })
    .optional(),
  address: text.optional(),
  url: z.url({ protocol: /^https?$/ }).optional(),
  bloc_marque: z.array(text).min(1).max(4).optional(),
});

/** A chart: the indicators it shows (or a breakdown and its remainder), its kind, its title and text alternative. */
export const chartSchema = z
  .strictObject({
    kind: z.enum(['bar', 'column', 'donut']),
    title: bilingualSchema,
    /** The text alternative: what the chart shows, in a sentence or two. */
    description: bilingualSchema,
    indicators: z.array(idSchema).min(1, 'at least one indicator id').optional(),
    breakdown: idSchema.optional(),
    /** Short labels of the indicators on the chart (default: each indicator's label). */
    labels: z.record(idSchema, bilingualSchema).optional(),
    /** A donut of shares from `indicators`: how far their rounded sum may differ from 100, in percentage points. */
    rounding: roundingSchema,
  })
  .refine((chart) => (chart.indicators === undefined) !== (chart.breakdown === undefined), {
    error: 'either "indicators" (a list of indicator ids) or "breakdown" (the id of a breakdown), one of the two',
  });

/** A glossary entry: an acronym, what it stands for, and what it is. */
export const glossarySchema = z.strictObject({
  term: text,
  expansion: bilingualSchema,
  definition: bilingualSchema.optional(),
});

/** The data files of a content folder, by name. */
export const dataSchemas = {
  indicators: z.record(idSchema, indicatorSchema),
  breakdowns: z.record(idSchema, breakdownSchema),
  people: z.record(idSchema, personSchema),
  quotes: z.record(idSchema, quoteSchema),
  contacts: z.record(idSchema, contactSchema),
  organisations: z.record(idSchema, organisationSchema),
  charts: z.record(idSchema, chartSchema),
  glossary: z.record(idSchema, glossarySchema),
} as const;

/** The name of a data file of data/ (indicators, people, quotes…). */
export type DataName = keyof typeof dataSchemas;

/** The folder name of a document: used in URLs and file names. */
export const slugSchema = z.string().regex(SLUG, 'the folder name of a document: lowercase letters, digits and "-"');

/** What `communique translated` records of a translation: the version of the French text it matches. */
const translationRecordSchema = z.strictObject({
  source: z.string().regex(/^[0-9a-f]{64}$/, 'the sha256 written by `communique translated` (64 hexadecimal digits)'),
  paragraphs: z.array(z.string().regex(/^[0-9a-f]{8}$/, 'a paragraph hash written by `communique translated` (8 hexadecimal digits)')),
});

/** A web address (http or https). */
const httpUrlSchema = z.url({ protocol: /^https?$/, error: 'an http(s) address such as https://www.example.gouv.fr/bilan' });

/**
 * A correction of a published document: the day it is made and what it corrects, in both languages ("le nombre de
 * territoires lauréats est de 183, et non 138."). Each one republishes the document as a new version.
 */
export const correctionSchema = z.strictObject({
  date: isoDateSchema,
  note: bilingualSchema,
});

/** Corrections come after the document's date, oldest first: each one is a later version of it. */
function correctionsInOrder(settings: { date: string; corrections?: ReadonlyArray<{ date: string }> | undefined }, context: z.RefinementCtx): void {
  let previous = settings.date;
  settings.corrections?.forEach((correction, i) => {
    if (correction.date < previous) {
      context.addIssue({
        code: 'custom',
        path: ['corrections', i, 'date'],
        message: i === 0
          ? `a correction dated on or after the document's date, ${settings.date} (a correction follows its publication)`
          : `a date on or after the correction above it, ${previous}: corrections are listed oldest first`,
      });
    }
    previous = correction.date > previous ? correction.date : previous;
  });
}

/** What the settings of every kind of document give: title, date, issuers, footer contact, description, keywords. */
const documentFields = {
  title: bilingualSchema,
  date: isoDateSchema,
  /** Said next to the date, e.g. how it was set. */
  date_note: bilingualSchema.optional(),
  /** The place of the dateline, "Paris, le 13 novembre 2023": one name, or one per language. */
  place: z.union([text, bilingualSchema]).optional(),
  issuers: z.array(idSchema).min(1, 'at least one organisation id'),
  /** The contact in the running footer of the printed pages. */
  footer_contact: idSchema,
  description: bilingualSchema,
  keywords: z.strictObject({ fr: z.array(text).min(1), en: z.array(text).min(1) }),
  /** The corrections made after publication, oldest first; `publish` republishes the document with each. */
  corrections: z.array(correctionSchema).optional(),
};

/** A release's settings (release.yaml). */
export const releaseSchema = z.strictObject({
  ...documentFields,
  embargo: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'a Paris local date and time written YYYY-MM-DDTHH:mm (e.g. 2025-03-20T10:00)')
    .optional(),
  contacts: z.array(idSchema).min(1, 'at least one contact id'),
  about: z.array(idSchema).default([]),
  /** The full review: a review of the content (reviews/<slug>/), or a web address per language. */
  review: z
    .strictObject({
      /** The folder name of a review in reviews/: the link goes to its page in the same language. */
      slug: slugSchema.optional(),
      /** The review's web address in each language. */
      url: z.strictObject({ fr: httpUrlSchema, en: httpUrlSchema }).optional(),
    })
    .refine((review) => (review.slug === undefined) !== (review.url === undefined), {
      error: 'either "slug: <folder of a review in reviews/>" or "url: { fr: https://…, en: https://… }", one of the two',
    })
    .optional(),
  translation: z.strictObject({ en: translationRecordSchema }).optional(),
}).superRefine(correctionsInOrder);

/** A review's settings (review.yaml); its chapters are reviews/<slug>/fr/*.mdx and en/*.mdx, in file-name order. */
export const reviewSchema = z.strictObject({
  ...documentFields,
  subtitle: bilingualSchema.optional(),
  /** Per chapter (its file name without ".mdx"), the French version its translation matches. */
  translation: z
    .strictObject({ en: z.record(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a chapter file name without ".mdx"'), translationRecordSchema) })
    .optional(),
}).superRefine(correctionsInOrder);

/** The name of a field of a collection's dataset: a column of the CSV, a key of the YAML rows. */
export const fieldNameSchema = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'a field name of lowercase letters, digits and "_", starting with a letter (e.g. "emplois")');

/** How a field of a collection's rows is read and written: a text, or a figure of a unit. */
export const fieldSchema = z.strictObject({
  /** "text" (written as is, in both languages), "translated" (columns <name>_fr and <name>_en), or a figure's unit. */
  type: z.enum(['text', 'translated', 'count', 'number', 'eur', 'percent', 'hectare']),
  /** What the field is, for messages and tables. */
  label: bilingualSchema,
  /** Whether a row may leave it empty (default false: every row gives it). */
  optional: z.boolean().optional(),
});

/** A collection's settings (collection.yaml): one sheet per row of its dataset, from one body per language. */
export const collectionSchema = z.strictObject({
  /** The title and the description may name fields, {field}, replaced by each row's value (e.g. "{nom} : fiche territoire"). */
  ...documentFields,
  /** What each sheet is, above its title (e.g. "Fiche territoire"). */
  kind: bilingualSchema,
  /** The dataset: a .csv (comma-separated, a header line of field names) or a .yaml (a list of mappings), next to collection.yaml. */
  dataset: z.string().regex(/^[a-z0-9][a-z0-9_.-]*\.(csv|yaml)$/, 'the file name of the dataset next to collection.yaml, ending in .csv or .yaml (e.g. "territoires.csv")'),
  /** The field whose value names each row's folder: lowercase letters, digits and "-" (e.g. "code"). */
  id: fieldNameSchema,
  fields: z.record(fieldNameSchema, fieldSchema),
  /** The data are made up, for illustration: every sheet says so in a banner (default false). */
  illustrative: z.boolean().optional(),
  translation: z.strictObject({ en: translationRecordSchema }).optional(),
}).superRefine(correctionsInOrder);

/** Project settings (content/communique.yaml, optional). */
export const projectSettingsSchema = z.strictObject({
  /** Age in months past which a cited figure is reported as old at the document's date (default 24). */
  figure_max_age_months: z.number().int().min(1, 'a whole number of months, at least 1 (e.g. 24)').optional(),
});

const webAddress = z.url({ protocol: /^https?$/, error: 'a web address starting with https:// (e.g. https://presse.example.gouv.fr/mentions-legales)' });

/** Site settings (content/site.yaml, optional): what `publish` needs to present the documents as a site. */
export const siteSchema = z.strictObject({
  /** The site's name, shown in the header, the titles and the feeds (e.g. "Salle de presse"). */
  name: bilingualSchema,
  /** Who publishes the site, shown under its name and as the feeds' author (e.g. "Ministère de …"). */
  publisher: bilingualSchema,
  /** The lines of the site's Marque de l'État in the header and footer (default ["République", "Française"]). */
  bloc_marque: z.array(text).min(1, 'at least one line (e.g. ["République", "Française"])').max(5, 'at most 5 lines').optional(),
  /** The site's public address; `publish --base-url` overrides it. */
  base_url: webAddress.optional(),
  /** The mandatory mentions of the footer. */
  legal_notice: webAddress,
  personal_data: webAddress,
  accessibility: z.strictObject({
    /** The conformity of the site as its audit found it (RGAA): none, partial or full. */
    status: z.enum(['none', 'partial', 'full'], { error: 'one of none, partial, full (the RGAA audit\'s result; none when no audit was made)' }),
    /** The accessibility statement. */
    url: webAddress,
  }),
  /** Where the sheets of collections go: on an index page of their own, linked from the site's index (default), or nowhere but the sitemap. */
  collections: z.enum(['own-page', 'hidden'], { error: 'own-page or hidden' }).optional(),
});

export type SiteData = z.infer<typeof siteSchema>;
/** An indicator as written in data/indicators.yaml: one value, or several over time (`values`). */
export type IndicatorInput = z.infer<typeof indicatorSchema>;
/** One value of an indicator over time. */
export type IndicatorValue = z.infer<typeof indicatorValueSchema>;
/**
 * An indicator as loaded: its value, as_of and source are those of one value (the latest, or the one a document
 * cites: see valueAt in indicator-values.ts); `values` lists every value, oldest first, when it has several.
 */
export type IndicatorData = Omit<IndicatorInput, 'value' | 'source' | 'values'> & {
  readonly value: IndicatorValue['value'];
  readonly source: IndicatorValue['source'];
  readonly values?: readonly IndicatorValue[];
};
export type BreakdownData = z.infer<typeof breakdownSchema>;
export type PersonData = z.infer<typeof personSchema>;
export type QuoteData = z.infer<typeof quoteSchema>;
export type ContactData = z.infer<typeof contactSchema>;
export type OrganisationData = z.infer<typeof organisationSchema>;
export type ReleaseData = z.infer<typeof releaseSchema>;
export type ReviewData = z.infer<typeof reviewSchema>;
export type ChartData = z.infer<typeof chartSchema>;
export type GlossaryData = z.infer<typeof glossarySchema>;
export type TranslationRecordData = z.infer<typeof translationRecordSchema>;
export type ProjectSettings = z.infer<typeof projectSettingsSchema>;
export type CollectionData = z.infer<typeof collectionSchema>;
export type FieldData = z.infer<typeof fieldSchema>;
export type CorrectionData = z.infer<typeof correctionSchema>;
