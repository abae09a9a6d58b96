import { z } from 'zod';

/** Identifiers of data entries: lowercase letters, digits, "_" and "-", starting with a letter. */
export const idSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,63}$/, 'an id of lowercase letters, digits, "_" or "-", starting with a letter (e.g. "fonds_vert_eur")');

const text = z.string().trim().min(1, 'a non-empty text');

/** A text in French and in English. */
export const bilingualSchema = z.strictObject({ fr: text, en: text });

/** An ISO calendar date, YYYY-MM-DD. */
export const isoDateSchema = z.iso.date('a date written YYYY-MM-DD (e.g. 2025-03-20)');

/** An indicator: one published figure with its unit, label and source. */
export const indicatorSchema = z.strictObject({
  value: z.union([z.number(), z.tuple([z.number().int(), z.number().int()])], {
    error: 'a number (e.g. 39700000), or a [from, to] pair of years for a period',
  }),
  unit: z.enum(['count', 'eur', 'percent', 'hectare', 'year', 'period']),
  label: bilingualSchema,
  as_of: isoDateSchema,
  source: bilingualSchema,
  source_url: z.url({ protocol: /^https?$/, error: 'an http(s) URL' }).optional(),
  approximate: z.enum(['about', 'more_than', 'nearly']).optional(),
  part_of: idSchema.optional(),
  note: text.optional(),
});

/** A breakdown: indicators (shares) that divide one whole, with what the remainder is. */
export const breakdownSchema = z.strictObject({
  label: bilingualSchema,
  parts: z.array(idSchema).min(2, 'at least two indicator ids'),
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

/** The data files of a content folder, by name. */
export const dataSchemas = {
  indicators: z.record(idSchema, indicatorSchema),
  breakdowns: z.record(idSchema, breakdownSchema),
  people: z.record(idSchema, personSchema),
  quotes: z.record(idSchema, quoteSchema),
  contacts: z.record(idSchema, contactSchema),
  organisations: z.record(idSchema, organisationSchema),
} as const;

/** A release's settings (release.yaml). */
export const releaseSchema = z.strictObject({
  title: bilingualSchema,
  date: isoDateSchema,
  date_note: bilingualSchema.optional(),
  embargo: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'a Paris local date and time written YYYY-MM-DDTHH:mm (e.g. 2025-03-20T10:00)')
    .optional(),
  issuers: z.array(idSchema).min(1, 'at least one organisation id'),
  contacts: z.array(idSchema).min(1, 'at least one contact id'),
  footer_contact: idSchema,
  about: z.array(idSchema).default([]),
  description: bilingualSchema,
  keywords: z.strictObject({ fr: z.array(text).min(1), en: z.array(text).min(1) }),
  review: z.strictObject({ url: bilingualSchema }).optional(),
  translation: z
    .strictObject({
      en: z.strictObject({
        source: z.string().regex(/^[0-9a-f]{64}$/, 'the sha256 written by `communique translated` (64 hexadecimal digits)'),
        paragraphs: z.array(z.string().regex(/^[0-9a-f]{8}$/, 'a paragraph hash written by `communique translated` (8 hexadecimal digits)')),
      }),
    })
    .optional(),
});

/** Project settings (content/communique.yaml, optional). */
export const projectSettingsSchema = z.strictObject({
  /** Age in months past which a cited figure is reported as old at the document's date (default 24). */
  figure_max_age_months: z.number().int().min(1, 'a whole number of months, at least 1 (e.g. 24)').optional(),
});

export type IndicatorData = z.infer<typeof indicatorSchema>;
export type BreakdownData = z.infer<typeof breakdownSchema>;
export type PersonData = z.infer<typeof personSchema>;
export type QuoteData = z.infer<typeof quoteSchema>;
export type ContactData = z.infer<typeof contactSchema>;
export type OrganisationData = z.infer<typeof organisationSchema>;
export type ReleaseData = z.infer<typeof releaseSchema>;
export type ProjectSettings = z.infer<typeof projectSettingsSchema>;
