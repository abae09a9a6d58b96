/**
 * Every rule id a message of the tool can carry. The README's rules table lists each one (a test checks it), and the
 * functions that report take a RuleId: a new rule id is added here, and to the table.
 */
export const RULE_IDS = [
  // Editorial checks (src/check/).
  'unbound-figure',
  'figure-parity',
  'structure-parity',
  'stale-translation',
  'breakdown',
  'figure-provenance',
  'figure-date',
  'contacts',
  'official-names',
  'quote-markup',
  'links',
  'unused',
  'chapter-title',
  'heading-level',
  'date-weekday',
  'issuer-address',
  'placeholder',
  // Reading and validating the content (src/load/, approvals.yaml).
  'missing-data',
  'not-a-file',
  'file-too-large',
  'read-error',
  'invalid-encoding',
  'yaml-syntax',
  'yaml-duplicate-key',
  'yaml-too-deep',
  'yaml-version',
  'yaml-alias',
  'yaml-forbidden-key',
  'schema',
  'unknown-id',
  'chart-units',
  'bad-slug',
  'duplicate-slug',
  'missing-language',
  'csv-syntax',
  'empty-dataset',
  'dataset-shape',
  'dataset-columns',
  'bad-row',
  'approval-record',
  // The texts (src/mdx/).
  'mdx-syntax',
  'mdx-esm',
  'mdx-expression',
  'mdx-too-deep',
  'jsx-attribute-expression',
  'unsafe-url',
  'remote-asset',
  'unknown-component',
  'component-placement',
  'invalid-attribute',
  'missing-review',
  'quote-not-approved',
  // Publishing (src/publish/: published.yaml and the archive).
  'published-record',
  'frozen-document',
] as const;

/** A rule id of RULE_IDS. */
export type RuleId = (typeof RULE_IDS)[number];
