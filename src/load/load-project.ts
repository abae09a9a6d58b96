import { constants, existsSync } from 'node:fs';
import { open, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Position } from 'unist';
import { VFile } from 'vfile';
import type { z } from 'zod';
import { LANGS, LANGUAGE_NAME as LANGUAGE } from '../locale/lang.js';
import type { RenderCache } from '../core/cache.js';
import type { Source } from './place.js';
import type { Lang } from '../locale/lang.js';
import { yamlPlaces, type YamlPlaces } from './yaml-places.js';
import { indicatorPlaceholders } from './indicator-placeholders.js';
import { isIsoDate, loadedIndicator, newValueHint, noValueAt } from './indicator-values.js';
import { loadRows, PLACEHOLDER } from './load-rows.js';
import { checkUniqueSlugs } from './unique-slugs.js';
import { fillReaderTexts, readerTexts } from './reader-texts.js';
import type { Body, Collection, Entry, LoadResult, Part, Project, Release, Review } from './project.js';
import { readYaml, type YamlSource } from './read-yaml.js';
import { readTextFile } from './read-text-file.js';
import { collectionSchema, dataSchemas, projectSettingsSchema, releaseSchema, reviewSchema, siteSchema, type IndicatorInput, type ProjectSettings, type SiteData } from './schema.js';
import type { RuleId } from '../core/rules.js';
import { closest } from '../core/edit-distance.js';
import { fail, unknownId } from '../core/messages.js';
import { SLUG } from '../core/slug.js';

type DataName = keyof typeof dataSchemas;
type DataOf<N extends DataName> = z.infer<(typeof dataSchemas)[N]>;

/** Options of loadProject. */
export interface LoadOptions {
  /** A session's cache: files whose text did not change since the last load are not parsed again (default none). */
  readonly cache?: RenderCache;
}

/**
 * Loads a content folder into a Project: its settings (communique.yaml, site.yaml), the data files, every release,
 * review and collection with its French and English texts (a collection with its dataset's rows), then checks the
 * ids they cite and the `{indicator:id}` of their texts. Every problem is a message on its file; `project` is
 * undefined when the content folder has no data folder.
 */
export async function loadProject(root: string, options: LoadOptions = {}): Promise<LoadResult> {
  const { cache } = options;
  const show = (path: string) => relative(process.cwd(), path) || path;
  const files: VFile[] = [];

  if (!existsSync(join(root, 'data'))) {
    const file = new VFile({ path: show(root) });
    fail(file, `No "data" folder in the content folder ${show(root)}: expected data/indicators.yaml and the other data files. Point --content at a content folder.`, 'missing-data');
    return { project: undefined, files: [file] };
  }

  const data = {} as { [N in DataName]: Map<string, Entry<DataOf<N>[string]>> };
  const failed = new Set<DataName>();
  const sources: Partial<Record<DataName, YamlSource>> = {};
  for (const name of Object.keys(dataSchemas) as DataName[]) {
    const path = join(root, 'data', `${name}.yaml`);
    const entries = new Map<string, never>();
    (data as Record<DataName, Map<string, unknown>>)[name] = entries;
    if (!existsSync(path)) continue;
    const yaml = await readYaml(path, show(path), cache, name === 'indicators' ? newValueHint : undefined);
    files.push(yaml.file);
    sources[name] = yaml;
    const parsed = validate(yaml, dataSchemas[name]);
    if (!parsed) {
      failed.add(name);
      continue;
    }
    for (const [id, value] of Object.entries(parsed as Record<string, object>)) {
      const definedAt: Source = { file: yaml.file.path, ...optionalPosition(yaml.locate([id])) };
      const loaded = name === 'indicators' ? loadedIndicator(value as IndicatorInput) : value;
      (entries as Map<string, unknown>).set(id, { ...loaded, id, definedAt });
    }
  }

  /** An optional settings file of the content's root, validated; undefined when it is missing or wrong. */
  const settingsFile = async <S extends z.ZodType>(name: string, schema: S): Promise<z.infer<S> | undefined> => {
    const path = join(root, name);
    if (!existsSync(path)) return undefined;
    const yaml = await readYaml(path, show(path), cache);
    files.push(yaml.file);
    return validate(yaml, schema);
  };
  const projectSettings: ProjectSettings | undefined = await settingsFile('communique.yaml', projectSettingsSchema);
  const site: SiteData | undefined = await settingsFile('site.yaml', siteSchema);

  const releases: Release[] = [];
  for (const slug of await folders(join(root, 'releases'))) {
    const loaded = await loadSettings(join(root, 'releases', slug), 'release.yaml', slug, releaseSchema, files, show, cache);
    const bodies = await readBodies(loaded.dir, `The release "${slug}"`, 'Every release', loaded.file, files, show);
    if (!loaded.settings) continue;
    releases.push({ ...loaded.document, kind: 'release', settings: loaded.settings, bodies, parts: [{ name: '', bodies }] });
  }

  const collections: Collection[] = [];
  for (const slug of await folders(join(root, 'collections'))) {
    const loaded = await loadSettings(join(root, 'collections', slug), 'collection.yaml', slug, collectionSchema, files, show, cache);
    const bodies = await readBodies(loaded.dir, `The collection "${slug}"`, 'Every sheet', loaded.file, files, show);
    const settings = loaded.settings;
    if (!settings) continue;
    const idField = settings.fields[settings.id];
    if (!idField || idField.type !== 'text') {
      fatal(loaded.file, `The id field "${settings.id}" ${idField ? 'is not of type "text"' : 'is not one of "fields"'}: the id names each row's folder, so it is a text field of the dataset (e.g. "code: { type: text, label: … }").`, 'schema', loaded.document.locate(['id']).position);
    }
    for (const key of ['title', 'description'] as const) {
      for (const lang of LANGS) {
        for (const [, field] of settings[key][lang].matchAll(PLACEHOLDER)) {
          if (!settings.fields[field!]) fatal(loaded.file, `"{${field}}" in the ${key} is not a field of the collection: use one of ${Object.keys(settings.fields).map((f) => `{${f}}`).join(', ')}.`, 'unknown-id', loaded.document.locate([key, lang]).position);
        }
      }
    }
    if (loaded.file.messages.some((m) => m.fatal)) continue;
    const { file, rows, skipped } = await loadRows(loaded.dir, settings, show);
    files.push(file);
    collections.push({ ...loaded.document, kind: 'collection', settings, fields: new Map(Object.entries(settings.fields)), rows, skipped, bodies, parts: [{ name: '', bodies }] });
  }

  const reviews: Review[] = [];
  for (const slug of await folders(join(root, 'reviews'))) {
    const loaded = await loadSettings(join(root, 'reviews', slug), 'review.yaml', slug, reviewSchema, files, show, cache);
    const chapters = new Map<string, Part['bodies']>();
    for (const lang of LANGS) {
      const dir = join(loaded.dir, lang);
      const names = existsSync(dir) ? (await readdir(dir, { withFileTypes: true })).filter((d) => d.isFile() && d.name.endsWith('.mdx')).map((d) => d.name).sort() : [];
      if (names.length === 0) {
        fatal(loaded.file, `The review "${slug}" has no ${LANGUAGE[lang]} chapter: expected ${show(join(dir, '01-introduction.mdx'))} and the other chapters, one .mdx file each, in the order of their names. Every review is written in French and English.`, 'missing-language');
        continue;
      }
      for (const name of names) {
        const chapter = name.slice(0, -'.mdx'.length);
        if (!/^[a-z0-9][a-z0-9-]*$/.test(chapter)) {
          fatal(loaded.file, `The chapter file ${show(join(dir, name))} is named with characters other than lowercase letters, digits and "-": rename it (e.g. "02-foncier.mdx"); chapters are ordered by their names.`, 'bad-slug');
          continue;
        }
        const body = await readBody(join(dir, name), lang, files, show);
        if (body) chapters.set(chapter, { ...chapters.get(chapter), [lang]: body });
      }
    }
    const parts: Part[] = [...chapters.keys()].sort().map((name) => ({ name, bodies: chapters.get(name)! }));
    for (const part of parts) {
      for (const lang of LANGS) {
        const other = LANGS.find((l) => l !== lang)!;
        if (part.bodies[lang] || !part.bodies[other]) continue;
        fatal(loaded.file, `The chapter ${part.bodies[other].path} has no ${LANGUAGE[lang]} version: expected ${show(join(loaded.dir, lang, `${part.name}.mdx`))}. Every chapter is written in French and English, with the same file name.`, 'missing-language');
      }
    }
    if (!loaded.settings) continue;
    reviews.push({ ...loaded.document, kind: 'review', settings: loaded.settings, parts });
  }

  const project: Project = {
    root,
    indicators: data.indicators as unknown as Project['indicators'], // normalised by loadedIndicator
    breakdowns: data.breakdowns,
    people: data.people,
    quotes: data.quotes,
    contacts: data.contacts,
    organisations: data.organisations,
    charts: data.charts,
    glossary: data.glossary,
    releases,
    reviews,
    collections,
    documents: [...releases, ...reviews, ...collections],
    ...(projectSettings ? { settings: projectSettings } : {}),
    ...(site ? { site } : {}),
  };
  checkReferences(project, sources, files, failed);
  checkUniqueSlugs(project.documents, files);
  if (!failed.has('indicators')) checkPlaceholders(project, files);
  return { project: fillReaderTexts(project), files };
}

/**
 * Each `{indicator:id}` of a reader text names an indicator (and `:long` at most, and a date after "@"): an error at
 * its place otherwise. A value must be in force at the document's date (or at the date named); a text of the data,
 * shared by documents of every date, names the value of an indicator that has several.
 */
function checkPlaceholders(project: Project, files: readonly VFile[]): void {
  for (const text of readerTexts(project)) {
    const file = files.find((f) => f.path === text.file);
    if (!file) continue;
    let places: YamlPlaces | undefined;
    for (const lang of LANGS) {
      text.values[lang].forEach((loaded, i) => {
        const path = [...text.path, lang, ...(text.list ? [i] : [])];
        for (const placeholder of indicatorPlaceholders(loaded)) {
          const indicator = project.indicators.get(placeholder.id);
          const badAt = placeholder.at !== undefined && !isIsoDate(placeholder.at);
          const form = placeholder.form === 'long' ? ':long' : '';
          const cite = (at: string) => `{indicator:${placeholder.id}${form}@${at}}`;
          let reason: string | undefined;
          let ruleId: RuleId = 'schema';
          if (!indicator) {
            reason = `${unknownId(placeholder.id, 'indicator', project.indicators, 'data/indicators.yaml')} Write {indicator:<id>} in the ${text.what} with the id of a figure of data/indicators.yaml.`;
            ruleId = 'unknown-id';
          } else if (placeholder.badForm !== undefined) {
            reason = `"{indicator:${placeholder.id}:${placeholder.badForm}}" in the ${text.what}: the form after the id is "long" ({indicator:${placeholder.id}:long} writes "millions d’euros") or nothing.`;
          } else if (badAt) {
            reason = `"@${placeholder.at}" in the ${text.what}: after "@" comes the date of the value cited, written YYYY-MM-DD (e.g. ${cite(indicator.values?.[0]?.as_of ?? '2023-11-13')}).`;
          } else if (!text.document && placeholder.at === undefined && indicator.values) {
            reason = `{indicator:${placeholder.id}} in the ${text.what}: "${placeholder.id}" has several values over time (${indicator.values.map((v) => v.as_of).join(', ')}), and this text of the data is shared by documents of every date, so it would change when a value is added. Name the value it cites: ${cite(indicator.values.at(-1)!.as_of)}.`;
            ruleId = 'figure-date';
          } else {
            const date = placeholder.at ?? text.document?.settings.date;
            reason = date === undefined ? undefined : noValueAt(indicator, date, placeholder.at !== undefined, cite);
            ruleId = 'figure-date';
          }
          if (reason === undefined) continue;
          places ??= yamlPlaces(String(file.value ?? ''), file.data.yamlDocument);
          // Placed in the text as written (the loaded one is trimmed).
          const written = places.text(path) ?? loaded;
          const at = indicatorPlaceholders(written).find((p) => p.id === placeholder.id) ?? placeholder;
          fatal(file, reason, ruleId, places.inText(path, at.start, at.end));
        }
      });
    }
  }
}


/** The sub-folders of `dir`, sorted; none when it does not exist. */
async function folders(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  return (await readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
}

/** Reads and validates the settings file of a document folder; the slug is checked too. */
async function loadSettings<S extends z.ZodType>(dir: string, name: string, slug: string, schema: S, files: VFile[], show: (path: string) => string, cache: RenderCache | undefined) {
  const path = join(dir, name);
  const yaml = await readYaml(path, show(path), cache);
  files.push(yaml.file);
  if (!SLUG.test(slug)) {
    fatal(yaml.file, `The folder name "${slug}" is used in URLs and file names: use lowercase letters, digits and "-" only.`, 'bad-slug');
  }
  const document = {
    slug,
    dir,
    source: { file: yaml.file.path },
    locate: (at: ReadonlyArray<PropertyKey>): Source => ({ file: yaml.file.path, ...optionalPosition(yaml.locate(at)) }),
  };
  return { dir, file: yaml.file, settings: validate(yaml, schema), document };
}

/** The fr.mdx and en.mdx of a document folder; a missing one is an error on its settings file (`settings`). */
async function readBodies(dir: string, what: string, every: string, settings: VFile, files: VFile[], show: (path: string) => string): Promise<Partial<Record<Lang, Body>>> {
  const bodies: Partial<Record<Lang, Body>> = {};
  for (const lang of LANGS) {
    const path = join(dir, `${lang}.mdx`);
    if (!existsSync(path)) {
      fatal(settings, `${what} has no ${LANGUAGE[lang]} text: expected ${show(path)}. ${every} is written in French and English.`, 'missing-language');
      continue;
    }
    const body = await readBody(path, lang, files, show);
    if (body) bodies[lang] = body;
  }
  return bodies;
}

/** Reads an MDX text (see readTextFile); a problem is reported on the text's own file, added to `files`. */
async function readBody(path: string, lang: Lang, files: VFile[], show: (path: string) => string): Promise<Body | undefined> {
  const file = new VFile({ path: show(path) });
  const text = await readTextFile(path, file, 'texts');
  if (text === undefined) {
    files.push(file);
    return undefined;
  }
  return { lang, path: show(path), text };
}

function optionalPosition(position: Position | undefined): { position?: Position } {
  return position ? { position } : {};
}

function fatal(file: VFile, reason: string, ruleId: RuleId, place?: Position): void {
  fail(file, reason, ruleId, place);
}

/** Validates a parsed YAML file against its schema; each issue becomes a message at its place. */
function validate<S extends z.ZodType>(yaml: YamlSource, schema: S): z.infer<S> | undefined {
  if (yaml.data === undefined && yaml.file.messages.some((m) => m.fatal)) return undefined;
  const result = schema.safeParse(yaml.data ?? {}, { reportInput: true });
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const place =
      issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined
        ? yaml.locateKey([...path, issue.keys[0]])
        : issue.code === 'invalid_key'
          ? yaml.locateKey(path)
          : yaml.locate(path);
    const upper = issue.code === 'unrecognized_keys' ? unIndentHint(yaml, schema, path, issue.keys) : undefined;
    fatal(yaml.file, upper ?? describeIssue(issue, path), 'schema', place);
  }
  return undefined;
}

/**
 * The message for unknown keys that are all keys of the mapping one level up ("cabinet" under
 * "christophe_bechu.role"): they are indented one level too deep; undefined otherwise.
 */
function unIndentHint(yaml: YamlSource, schema: z.ZodType, path: Array<string | number>, keys: readonly string[]): string | undefined {
  if (path.length === 0) return undefined;
  const parent = keysAt(schema, path.slice(0, -1));
  const valid = keys.filter((key) => parent?.has(key));
  if (valid.length === 0 || valid.length < keys.length) return undefined;
  const under = yaml.locateKey(path);
  const column = under ? ` to column ${under.start.column}` : '';
  const names = valid.map((k) => `"${k}"`).join(', ');
  const where = path.length > 1 ? `"${path.slice(0, -1).join('.')}"` : 'the top level';
  const plural = valid.length > 1;
  return `Unknown key${plural ? 's' : ''} ${names} in "${path.join('.')}": ${names} ${plural ? 'are keys' : 'is a key'} of ${where}, one level up, so ${plural ? 'they are' : 'it is'} indented one level too deep. Un-indent ${plural ? 'them' : 'it'}${column}, in line with "${String(path.at(-1))}".`;
}

/** The keys the schema accepts in the mapping at `path`, when it is a mapping of known keys. */
function keysAt(schema: z.ZodType, path: ReadonlyArray<string | number>): Set<string> | undefined {
  let current: z.core.$ZodType | undefined = schema;
  const unwrap = (type: z.core.$ZodType | undefined): z.core.$ZodType | undefined => {
    let t = type;
    while (t && ['optional', 'default', 'nullable', 'readonly'].includes(t._zod.def.type)) t = (t._zod.def as unknown as { innerType: z.core.$ZodType }).innerType;
    return t;
  };
  for (const step of path) {
    current = unwrap(current);
    if (!current) return undefined;
    const def = current._zod.def as unknown as { type: string; shape?: Record<string, z.core.$ZodType>; valueType?: z.core.$ZodType; element?: z.core.$ZodType };
    if (def.type === 'object') current = def.shape?.[String(step)];
    else if (def.type === 'record') current = def.valueType;
    else if (def.type === 'array') current = def.element;
    else return undefined;
  }
  const def = unwrap(current)?._zod.def as unknown as { type: string; shape?: Record<string, unknown> } | undefined;
  return def?.type === 'object' && def.shape ? new Set(Object.keys(def.shape)) : undefined;
}

function describeIssue(issue: z.core.$ZodIssue, path: Array<string | number>): string {
  const where = path.length > 0 ? `"${path.join('.')}"` : 'this file';
  switch (issue.code) {
    case 'unrecognized_keys':
      return `Unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} in ${where}: remove ${issue.keys.length > 1 ? 'them' : 'it'} or check the spelling.`;
    case 'invalid_type':
      return issue.input === undefined
        ? `Missing ${where}: expected ${expected(issue)}. Add it.`
        : `Wrong value for ${where}: expected ${expected(issue)}, found ${found(issue.input)}.${issue.expected === 'string' && typeof issue.input === 'number' ? ' Write it in quotes ("07 62 61 50 25"), or YAML reads it as a number and drops its leading zeros.' : ''}`;
    case 'invalid_value':
      return `Wrong value for ${where}: expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, found ${found(issue.input)}.`;
    case 'invalid_key':
      return `Invalid id ${JSON.stringify(path.at(-1) ?? '')}: expected ${issue.issues[0]?.message ?? 'a valid id'}.`;
    case 'custom':
      if (issue.params?.['unexpected'] === true) return `Unexpected ${where}: ${issue.message}.`;
      if (issue.input === undefined) return `Missing ${where}: expected ${issue.message}. Add it.`;
      return `Wrong value for ${where}: expected ${issue.message}, found ${found(issue.input)}.`;
    default:
      return `Wrong value for ${where}: expected ${issue.message}, found ${found(issue.input)}.`;
  }
}

function expected(issue: z.core.$ZodIssueInvalidType): string {
  if (!issue.message.startsWith('Invalid input')) return issue.message;
  const names: Record<string, string> = { string: 'a text', number: 'a number', array: 'a list', object: 'a mapping (key: value lines)', boolean: 'true or false' };
  return names[issue.expected] ?? issue.expected;
}

function found(input: unknown): string {
  if (input === null) return 'an empty value';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'object') return 'a mapping';
  if (typeof input === 'string') return `the text ${JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}…` : input)}`;
  return `${typeof input} ${String(input)}`;
}

/** Every id a data entry or a document names must exist; a chart shows figures of one unit. */
function checkReferences(project: Project, sources: Partial<Record<DataName, YamlSource>>, files: VFile[], failed: ReadonlySet<DataName>): void {
  // A table that failed validation is empty: references into it would all be reported, wrongly, as unknown.
  const need = (
    name: DataName,
    id: string,
    path: Array<string | number>,
    kind: keyof Project & DataName,
    what: string,
  ) => {
    const yaml = sources[name];
    if (!yaml || failed.has(kind) || (project[kind] as ReadonlyMap<string, unknown>).has(id)) return;
    fatal(yaml.file, unknownId(id, what, project[kind] as ReadonlyMap<string, unknown>, `data/${kind}.yaml`), 'unknown-id', yaml.locate(path));
  };
  for (const quote of project.quotes.values()) need('quotes', quote.speaker, [quote.id, 'speaker'], 'people', 'person');
  for (const person of project.people.values()) if (person.cabinet) need('people', person.cabinet, [person.id, 'cabinet'], 'contacts', 'contact');
  for (const contact of project.contacts.values()) need('contacts', contact.organisation, [contact.id, 'organisation'], 'organisations', 'organisation');
  for (const indicator of project.indicators.values()) if (indicator.part_of) need('indicators', indicator.part_of, [indicator.id, 'part_of'], 'indicators', 'indicator');
  for (const breakdown of project.breakdowns.values()) {
    breakdown.parts.forEach((id, i) => need('breakdowns', id, [breakdown.id, 'parts', i], 'indicators', 'indicator'));
  }
  for (const chart of project.charts.values()) {
    chart.indicators?.forEach((id, i) => need('charts', id, [chart.id, 'indicators', i], 'indicators', 'indicator'));
    if (chart.breakdown) need('charts', chart.breakdown, [chart.id, 'breakdown'], 'breakdowns', 'breakdown');
    const shown = chart.indicators ?? project.breakdowns.get(chart.breakdown ?? '')?.parts ?? [];
    const yaml = sources.charts;
    if (!yaml || failed.has('indicators') || failed.has('breakdowns')) continue;
    for (const id of Object.keys(chart.labels ?? {})) {
      if (!shown.includes(id)) fatal(yaml.file, `The chart "${chart.id}" has a label for "${id}", which it does not show: label only the indicators of the chart (${shown.join(', ')}).`, 'unknown-id', yaml.locateKey([chart.id, 'labels', id]));
    }
    const units = [...new Set(shown.flatMap((id) => project.indicators.get(id)?.unit ?? []))];
    if (units.length > 1) {
      fatal(yaml.file, `The chart "${chart.id}" mixes indicators of different units (${units.join(', ')}): one chart compares figures of one unit. Split it into one chart per unit.`, 'chart-units', yaml.locate([chart.id, chart.indicators ? 'indicators' : 'breakdown']));
    } else if (units[0] === 'period' || units[0] === 'year') {
      fatal(yaml.file, `The chart "${chart.id}" shows ${units[0]}s: charts compare counts, amounts, areas or shares. Cite these figures in the text instead.`, 'chart-units', yaml.locate([chart.id, chart.indicators ? 'indicators' : 'breakdown']));
    }
  }
  for (const document of project.documents) {
    const file = files.find((f) => f.path === document.source.file);
    if (!file) continue;
    const check = (id: string, path: Array<string | number>, kind: 'contacts' | 'organisations', what: string) => {
      if (!failed.has(kind) && !project[kind].has(id)) fatal(file, unknownId(id, what, project[kind], `data/${kind}.yaml`), 'unknown-id', document.locate(path).position);
    };
    document.settings.issuers.forEach((id, i) => check(id, ['issuers', i], 'organisations', 'organisation'));
    check(document.settings.footer_contact, ['footer_contact'], 'contacts', 'contact');
    if (document.kind !== 'release') continue;
    const { settings } = document;
    settings.about.forEach((id, i) => check(id, ['about', i], 'organisations', 'organisation'));
    settings.contacts.forEach((id, i) => check(id, ['contacts', i], 'contacts', 'contact'));
    const review = settings.review?.slug;
    if (review !== undefined && !project.reviews.some((r) => r.slug === review) && !existsSync(join(project.root, 'reviews', review, 'review.yaml'))) {
      const known = project.reviews.map((r) => r.slug);
      const suggestion = closest(review, known);
      fatal(
        file,
        `Unknown review "${review}": expected the folder name of a review in reviews/ (${known.length ? known.map((k) => `"${k}"`).join(', ') : 'there is none'})${suggestion ? `; did you mean "${suggestion}"?` : ''}. Correct the name, or give the review's web address as "review: { url: { fr: …, en: … } }".`,
        'unknown-id',
        document.locate(['review', 'slug']).position,
      );
    }
  }
}
