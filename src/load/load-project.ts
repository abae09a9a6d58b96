import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Position } from 'unist';
import { VFile } from 'vfile';
import type { z } from 'zod';
import { LANGS } from '../locale/lang.js';
import type { Source } from './place.js';
import type { Body, Entry, LoadResult, Project, Release } from './project.js';
import { readYaml, type YamlSource } from './read-yaml.js';
import { dataSchemas, projectSettingsSchema, releaseSchema, type ProjectSettings } from './schema.js';

type DataName = keyof typeof dataSchemas;
type DataOf<N extends DataName> = z.infer<(typeof dataSchemas)[N]>;

/** Loads a content folder: data files, releases and their MDX bodies; problems become messages on the files. */
export async function loadProject(root: string): Promise<LoadResult> {
  const show = (path: string) => relative(process.cwd(), path) || path;
  const files: VFile[] = [];

  if (!existsSync(join(root, 'data'))) {
    const file = new VFile({ path: show(root) });
    const message = file.message(`No "data" folder in the content folder ${show(root)}: expected data/indicators.yaml and the other data files. Point --content at a content folder.`, {
      ruleId: 'missing-data',
      source: 'communique',
    });
    message.fatal = true;
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
    const yaml = await readYaml(path, show(path));
    files.push(yaml.file);
    sources[name] = yaml;
    const parsed = validate(yaml, dataSchemas[name]);
    if (!parsed) {
      failed.add(name);
      continue;
    }
    for (const [id, value] of Object.entries(parsed as Record<string, object>)) {
      const source: Source = { file: yaml.file.path, ...optionalPosition(yaml.locate([id])) };
      (entries as Map<string, unknown>).set(id, { ...value, id, source });
    }
  }

  let projectSettings: ProjectSettings | undefined;
  const projectSettingsPath = join(root, 'communique.yaml');
  if (existsSync(projectSettingsPath)) {
    const yaml = await readYaml(projectSettingsPath, show(projectSettingsPath));
    files.push(yaml.file);
    projectSettings = validate(yaml, projectSettingsSchema);
  }

  const releases: Release[] = [];
  const releasesDir = join(root, 'releases');
  const slugs = existsSync(releasesDir)
    ? (await readdir(releasesDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort()
    : [];
  for (const slug of slugs) {
    const dir = join(releasesDir, slug);
    const settingsPath = join(dir, 'release.yaml');
    const yaml = await readYaml(settingsPath, show(settingsPath));
    files.push(yaml.file);
    if (!/^[a-z0-9][a-z0-9-]{0,80}$/.test(slug)) {
      fatal(yaml.file, `The folder name "${slug}" is used in URLs and file names: use lowercase letters, digits and "-" only.`, 'bad-slug');
    }
    const settings = validate(yaml, releaseSchema);
    const bodies: Release['bodies'] = {};
    for (const lang of LANGS) {
      const path = join(dir, `${lang}.mdx`);
      if (!existsSync(path)) {
        fatal(yaml.file, `The release "${slug}" has no ${lang === 'fr' ? 'French' : 'English'} text: expected ${show(path)}. Every release is written in French and English.`, 'missing-language');
        continue;
      }
      const text = decodeUtf8(await readFile(path));
      if (text === undefined) {
        fatal(yaml.file, `${show(path)} is not valid UTF-8 text: save it as UTF-8 in your editor.`, 'invalid-encoding');
        continue;
      }
      const body: Body = { lang, path: show(path), text };
      bodies[lang] = body;
    }
    if (!settings) continue;
    releases.push({
      kind: 'release',
      slug,
      dir,
      settings,
      source: { file: yaml.file.path },
      locate: (path) => ({ file: yaml.file.path, ...optionalPosition(yaml.locate(path)) }),
      bodies,
    });
  }

  const project: Project = {
    root,
    indicators: data.indicators,
    breakdowns: data.breakdowns,
    people: data.people,
    quotes: data.quotes,
    contacts: data.contacts,
    organisations: data.organisations,
    releases,
    ...(projectSettings ? { settings: projectSettings } : {}),
  };
  checkReferences(project, sources, files, failed);
  return { project, files };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes strict UTF-8 (without a byte order mark), or undefined when the bytes are not UTF-8. */
function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

function optionalPosition(position: Position | undefined): { position?: Position } {
  return position ? { position } : {};
}

function fatal(file: VFile, reason: string, ruleId: string, place?: Position): void {
  const message = file.message(reason, { ruleId, source: 'communique', ...(place ? { place } : {}) });
  message.fatal = true;
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
    fatal(yaml.file, describeIssue(issue, path), 'schema', place);
  }
  return undefined;
}

function describeIssue(issue: z.core.$ZodIssue, path: Array<string | number>): string {
  const where = path.length > 0 ? `"${path.join('.')}"` : 'this file';
  switch (issue.code) {
    case 'unrecognized_keys':
      return `Unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} in ${where}: remove ${issue.keys.length > 1 ? 'them' : 'it'} or check the spelling.`;
    case 'invalid_type':
      return issue.input === undefined
        ? `Missing ${where}: expected ${expected(issue)}. Add it.`
        : `Wrong value for ${where}: expected ${expected(issue)}, found ${found(issue.input)}.`;
    case 'invalid_value':
      return `Wrong value for ${where}: expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, found ${found(issue.input)}.`;
    case 'invalid_key':
      return `Invalid id ${JSON.stringify(path.at(-1) ?? '')}: expected ${issue.issues[0]?.message ?? 'a valid id'}.`;
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

/** Every id a data entry or a release names must exist. */
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
  for (const release of project.releases) {
    const file = files.find((f) => f.path === release.source.file);
    if (!file) continue;
    const check = (id: string, path: Array<string | number>, kind: 'contacts' | 'organisations', what: string) => {
      if (!failed.has(kind) && !project[kind].has(id)) fatal(file, unknownId(id, what, project[kind], `data/${kind}.yaml`), 'unknown-id', release.locate(path).position);
    };
    release.settings.issuers.forEach((id, i) => check(id, ['issuers', i], 'organisations', 'organisation'));
    release.settings.about.forEach((id, i) => check(id, ['about', i], 'organisations', 'organisation'));
    release.settings.contacts.forEach((id, i) => check(id, ['contacts', i], 'contacts', 'contact'));
    check(release.settings.footer_contact, ['footer_contact'], 'contacts', 'contact');
  }
}

/** "Unknown contact "x": expected one of the ids in data/contacts.yaml (did you mean "y"?)." */
export function unknownId(id: string, what: string, known: ReadonlyMap<string, unknown>, where: string): string {
  const suggestion = closest(id, [...known.keys()]);
  return `Unknown ${what} "${id}": expected an id defined in ${where}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}.`;
}

/** The known id closest to `id` by edit distance, if close enough to be a likely typo. */
export function closest(id: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(id.length / 3)) + 1;
  for (const candidate of known) {
    const d = distance(id, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** The Levenshtein distance between two strings. */
export function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
