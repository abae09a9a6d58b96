/**
 * Every rule a message of the tool can carry, as data: its id, the stage that reports it, its default severity (and
 * the other severities some of its messages take), the one-line description of the README's rules table, and the
 * anchor of the README section that documents it. The README's table, the test that covers every editorial rule,
 * `check --format json` and the `url` of every message read these declarations: a new rule is declared here.
 */
export const RULES = [
  { id: 'unbound-figure', stage: 'check', severity: 'warning', description: 'a number typed in prose that equals an indicator', anchor: 'unbound-figure-warning' },
  { id: 'figure-parity', stage: 'check', severity: 'error', description: 'the French and English versions cite the same figures', anchor: 'figure-parity-error' },
  { id: 'date-weekday', stage: 'check', severity: 'warning', description: 'a weekday that does not match its date, a day its month does not have', anchor: 'date-weekday-warning' },
  { id: 'structure-parity', stage: 'check', severity: 'error', description: 'same paragraphs, list items, headings (and levels) and block components, in the same order, in both languages', anchor: 'structure-parity-error' },
  { id: 'stale-translation', stage: 'check', severity: 'warning', description: 'the French text changed since the English translation was recorded', anchor: 'stale-translation-warning' },
  { id: 'breakdown', stage: 'check', severity: 'error', note: 'one warning', description: 'shares (of a breakdown, or of a donut chart) sum to 100 % within their declared rounding, or name their remainder; a part never exceeds its whole', anchor: 'breakdown-error-warning-for-a-needless-remainder' },
  { id: 'figure-provenance', stage: 'check', severity: 'warning', description: 'a cited figure is not too old, nor dated after the document', anchor: 'figure-provenance-warning' },
  { id: 'figure-date', stage: 'load', severity: 'error', description: 'a figure cited at a date before its first value (the document\'s date, or `at`); a figure with several values cited without a date in a text of the data', anchor: 'figure-date-error' },
  { id: 'contacts', stage: 'check', severity: 'error', note: 'two warnings', description: 'phone numbers, duplicate contacts, contacts listed twice', anchor: 'contacts-error-warnings-for-another-countrys-number-and-a-shared-phone' },
  { id: 'official-names', stage: 'check', severity: 'warning', description: 'names and roles in prose that are near misses of the registry', anchor: 'official-names-warning' },
  { id: 'quote-markup', stage: 'check', severity: 'error', description: 'a component, a tag or a `{…}` in the words of a quote', anchor: 'quote-markup-error' },
  { id: 'links', stage: 'check', severity: 'error', note: 'one warning', description: 'links inside the page and the site, and references, resolve', anchor: 'links-error-warning-for-an-unused-definition' },
  { id: 'unused', stage: 'check', severity: 'info', description: 'data entries no document uses', anchor: 'unused-info' },
  { id: 'placeholder', stage: 'check', severity: 'warning', description: 'an example text written by `communique new` (title, summary, keywords, a line of a text) is still there', anchor: 'placeholder-warning' },
  { id: 'duplicate-slug', stage: 'load', severity: 'error', description: 'two documents of different kinds (a release and a review…) have the same folder name', anchor: 'duplicate-slug-error' },
  { id: 'chapter-title', stage: 'check', severity: 'error', description: 'a review\'s chapter opens with one level-1 heading, its title', anchor: 'chapter-title-error' },
  { id: 'heading-level', stage: 'check', severity: 'error', description: 'headings go down one level at a time (`#` then `##`, never `#` then `###`)', anchor: 'heading-level-error' },
  { id: 'issuer-address', stage: 'check', severity: 'warning', description: 'the organisation whose address a document\'s footer prints has one', anchor: 'issuer-address-warning' },
  { id: 'quote-not-approved', stage: 'mdx', severity: 'warning', description: 'a quote printed as a draft: its words are not approved by the cabinet (see [Quote approval](#quote-approval))', anchor: 'quote-approval' },
  { id: 'missing-data', stage: 'load', severity: 'error', description: 'the content folder has no `data` folder', anchor: 'editorial-checks' },
  { id: 'not-a-file', stage: 'load', severity: 'error', description: 'a content file that is a symbolic link, a folder or a device, not a regular file', anchor: 'editorial-checks' },
  { id: 'file-too-large', stage: 'load', severity: 'error', description: 'a content file is larger than the tool reads', anchor: 'editorial-checks' },
  { id: 'read-error', stage: 'load', severity: 'error', description: 'a content file cannot be read', anchor: 'editorial-checks' },
  { id: 'invalid-encoding', stage: 'load', severity: 'error', description: 'a content file is not UTF-8', anchor: 'editorial-checks' },
  { id: 'yaml-syntax', stage: 'load', severity: 'error', description: 'a YAML file does not parse (a key indented to the wrong column names the columns expected)', anchor: 'editorial-checks' },
  { id: 'yaml-duplicate-key', stage: 'load', severity: 'error', description: 'a key defined twice in the same YAML mapping', anchor: 'editorial-checks' },
  { id: 'yaml-too-deep', stage: 'load', severity: 'error', description: 'YAML nested deeper than data files need', anchor: 'editorial-checks' },
  { id: 'yaml-version', stage: 'load', severity: 'error', description: 'a `%YAML` directive other than 1.2', anchor: 'editorial-checks' },
  { id: 'yaml-alias', stage: 'load', severity: 'error', description: 'YAML anchors and aliases (`&a`, `*a`), not allowed', anchor: 'editorial-checks' },
  { id: 'yaml-forbidden-key', stage: 'load', severity: 'error', description: 'a reserved YAML key such as `__proto__`', anchor: 'editorial-checks' },
  { id: 'schema', stage: 'load', severity: 'error', description: 'a YAML file does not match its schema: unknown key (one indented too deep is named so), missing or wrong value', anchor: 'editorial-checks' },
  { id: 'unknown-id', stage: 'load', severity: 'error', description: 'an id that names no entry of the data (indicator, quote, contact…)', anchor: 'editorial-checks' },
  { id: 'chart-units', stage: 'load', severity: 'error', description: 'a chart mixes figures of different units', anchor: 'editorial-checks' },
  { id: 'bad-slug', stage: 'load', severity: 'error', description: 'a document\'s folder name is not lowercase letters, digits and `-`', anchor: 'editorial-checks' },
  { id: 'missing-language', stage: 'load', severity: 'error', description: 'a document without its French or English text', anchor: 'editorial-checks' },
  { id: 'csv-syntax', stage: 'load', severity: 'error', description: 'a collection\'s CSV dataset does not parse', anchor: 'editorial-checks' },
  { id: 'empty-dataset', stage: 'load', severity: 'error', description: 'a collection\'s dataset has no row', anchor: 'editorial-checks' },
  { id: 'dataset-shape', stage: 'load', severity: 'error', description: 'a collection\'s YAML dataset is not a list of mappings', anchor: 'editorial-checks' },
  { id: 'dataset-columns', stage: 'load', severity: 'error', description: 'a collection\'s dataset lacks a field or has one collection.yaml does not declare', anchor: 'editorial-checks' },
  { id: 'bad-row', stage: 'load', severity: 'error', description: 'a row of a collection\'s dataset with a value of the wrong type (its sheet is left out)', anchor: 'editorial-checks' },
  { id: 'approval-record', stage: 'load', severity: 'error', description: 'a record of `approvals.yaml` that is malformed, edited by hand, or signed by another cabinet than the speaker\'s', anchor: 'editorial-checks' },
  { id: 'published-record', stage: 'publish', severity: 'error', description: 'an entry of `published.yaml` that is malformed, or whose archived file is missing or no longer matches its sha256 (see [Published documents are frozen](#published-documents-are-frozen))', anchor: 'published-documents-are-frozen' },
  { id: 'frozen-document', stage: 'publish', severity: 'error', description: '`publish`: the words of a published document changed with no correction declared, a published correction withdrawn, or a correction declared on a document never published', anchor: 'published-documents-are-frozen' },
  { id: 'mdx-syntax', stage: 'mdx', severity: 'error', description: 'a text does not parse as MDX', anchor: 'editorial-checks' },
  { id: 'mdx-esm', stage: 'mdx', severity: 'error', description: '`import` or `export` in a text', anchor: 'editorial-checks' },
  { id: 'mdx-expression', stage: 'mdx', severity: 'error', description: 'a `{…}` expression in a text', anchor: 'editorial-checks' },
  { id: 'mdx-too-deep', stage: 'mdx', severity: 'error', description: 'a text nested deeper than any text needs', anchor: 'editorial-checks' },
  { id: 'jsx-attribute-expression', stage: 'mdx', severity: 'error', description: 'an attribute written `{…}` or a spread on a component', anchor: 'editorial-checks' },
  { id: 'unsafe-url', stage: 'mdx', severity: 'error', description: 'a link with a scheme other than http(s), mailto: or tel:, or a host without a scheme', anchor: 'editorial-checks' },
  { id: 'remote-asset', stage: 'mdx', severity: 'error', description: 'an image or asset loaded from the web', anchor: 'editorial-checks' },
  { id: 'unknown-component', stage: 'mdx', severity: 'error', description: 'an element that is not one of the components', anchor: 'editorial-checks' },
  { id: 'component-placement', stage: 'mdx', severity: 'error', description: 'a block component inside a sentence, or an inline one on a line of its own', anchor: 'editorial-checks' },
  { id: 'invalid-attribute', stage: 'mdx', severity: 'error', description: 'a component\'s attribute unknown, missing or with a wrong value', anchor: 'editorial-checks' },
  { id: 'missing-review', stage: 'mdx', severity: 'error', description: '`<ReviewLink />` in a release that names no review', anchor: 'editorial-checks' },
] as const satisfies readonly RuleDeclaration[];

/** How serious a message is: an error stops a build, a warning does under `--final`, an info never does. */
export type Severity = 'error' | 'warning' | 'info';

/** What a rule says of itself (in the manner of unified-lint-rule's `origin` and `url`). */
export interface RuleDeclaration {
  readonly id: string;
  /** The stage whose code reports it: reading the content (load), the texts (mdx), an editorial check (check), or publishing (publish). */
  readonly stage: 'load' | 'mdx' | 'check' | 'publish';
  /** The severity of its messages. */
  readonly severity: Severity;
  /** The messages of another severity, as the README's table says them ("one warning"). */
  readonly note?: string;
  /** What it checks, in one line: the README's rules table. */
  readonly description: string;
  /** The README section that documents it (a GitHub heading anchor). */
  readonly anchor: string;
}

/** A rule id of RULES. */
export type RuleId = (typeof RULES)[number]['id'];

/** Every rule id, in the order of the README's table. */
export const RULE_IDS: readonly RuleId[] = RULES.map((rule) => rule.id);

const README = new URL('../../README.md', import.meta.url);

/** The declaration of a rule. */
export function ruleOf(id: RuleId): RuleDeclaration {
  return RULES.find((rule) => rule.id === id)!;
}

/** The address of a rule's documentation: its section of the README shipped with the tool. */
export function ruleUrl(id: RuleId): string {
  return new URL(`#${ruleOf(id).anchor}`, README).href;
}
