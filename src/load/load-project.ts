import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
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
import { collectionSchema, dataSchemas, projectSettingsSchema, releaseSchema, reviewSchema, siteSchema, type DataName, type IndicatorInput, type ProjectSettings, type SiteData } from './schema.js';
import type { RuleId } from '../core/rules.js';
import { fail, unknownId } from '../core/messages.js';
import { SLUG } from '../core/slug.js';
import { validate } from './validate-yaml.js';
import { checkReferences } from './check-references.js';

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
      fail(loaded.file, `The id field "${settings.id}" ${idField ? 'is not of type "text"' : 'is not one of "fields"'}: the id names each row's folder, so it is a text field of the dataset (e.g. "code: { type: text, label: … }").`, 'schema', loaded.document.locate(['id']).position);
    }
    for (const key of ['title', 'description'] as const) {
      for (const lang of LANGS) {
        for (const [, field] of settings[key][lang].matchAll(PLACEHOLDER)) {
          if (!settings.fields[field!]) fail(loaded.file, `"{${field}}" in the ${key} is not a field of the collection: use one of ${Object.keys(settings.fields).map((f) => `{${f}}`).join(', ')}.`, 'unknown-id', loaded.document.locate([key, lang]).position);
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
        fail(loaded.file, `The review "${slug}" has no ${LANGUAGE[lang]} chapter: expected ${show(join(dir, '01-introduction.mdx'))} and the other chapters, one .mdx file each, in the order of their names. Every review is written in French and English.`, 'missing-language');
        continue;
      }
      for (const name of names) {
        const chapter = name.slice(0, -'.mdx'.length);
        if (!/^[a-z0-9][a-z0-9-]*$/.test(chapter)) {
          fail(loaded.file, `The chapter file ${show(join(dir, name))} is named with characters other than lowercase letters, digits and "-": rename it (e.g. "02-foncier.mdx"); chapters are ordered by their names.`, 'bad-slug');
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
        fail(loaded.file, `The chapter ${part.bodies[other].path} has no ${LANGUAGE[lang]} version: expected ${show(join(loaded.dir, lang, `${part.name}.mdx`))}. Every chapter is written in French and English, with the same file name.`, 'missing-language');
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
          fail(file, reason, ruleId, places.inText(path, at.start, at.end));
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
    fail(yaml.file, `The folder name "${slug}" is used in URLs and file names: use lowercase letters, digits and "-" only.`, 'bad-slug');
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
      fail(settings, `${what} has no ${LANGUAGE[lang]} text: expected ${show(path)}. ${every} is written in French and English.`, 'missing-language');
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
