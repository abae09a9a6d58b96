import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { parse } from 'yaml';
import type { CheckContext } from './context.js';
import { report } from './report.js';

/** The scaffolds `communique new` copies (templates/scaffold/<kind>/). */
const SCAFFOLD = fileURLToPath(new URL('../../templates/scaffold', import.meta.url));

/** The example texts of the scaffolds: settings by kind and path (list items as "*"), and the lines of the texts. */
interface Placeholders {
  readonly settings: ReadonlyMap<string, ReadonlyMap<string, ReadonlySet<string>>>;
  readonly lines: ReadonlySet<string>;
}

/** A text line shorter than this (a heading such as "Introduction", a tag) is not taken for an example. */
const MIN_LINE = 20;

let shipped: Placeholders | undefined;

/**
 * placeholder (warning): the example texts `communique new` writes into a new document (its title, summary,
 * keywords, and the lines of its texts) are still there. A document written from a scaffold and never finished must
 * not go out: under `--final` this is an error.
 */
export function placeholder(context: CheckContext): void {
  const { settings, lines } = (shipped ??= readPlaceholders(SCAFFOLD));
  for (const document of context.project.documents) {
    const examples = settings.get(document.kind);
    const data = examples && context.data(document.source.file);
    if (!examples || !data) continue;
    for (const [path, value] of leaves(document.settings)) {
      if (!examples.get(pattern(path))?.has(value)) continue;
      report(
        data.file,
        `"${path.join('.')}" is still the example written by \`communique new\` ("${value}"): replace it with this ${document.kind}'s own words before it goes out.`,
        'placeholder',
        'warning',
        document.locate(path).position,
      );
    }
  }
  for (const body of context.bodies) {
    String(body.file.value).split('\n').forEach((line, i) => {
      const text = normalise(line);
      if (!lines.has(text)) return;
      const indent = line.length - line.trimStart().length;
      report(
        body.file,
        `This line is still the example text written by \`communique new\` ("${text.length > 50 ? `${text.slice(0, 50)}…` : text}"): replace it with this ${body.document.kind}'s own words before it goes out.`,
        'placeholder',
        'warning',
        { start: { line: i + 1, column: indent + 1 }, end: { line: i + 1, column: line.trimEnd().length + 1 } },
      );
    });
  }
}

/** Reads the example texts of every scaffold below `dir` (its .hbs files filled with nothing: the examples are literal). */
export function readPlaceholders(dir: string): Placeholders {
  const settings = new Map<string, Map<string, Set<string>>>();
  const lines = new Set<string>();
  for (const kind of readdirSync(dir)) {
    const examples = new Map<string, Set<string>>();
    settings.set(kind, examples);
    for (const entry of readdirSync(join(dir, kind), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.hbs')) continue;
      const path = join(entry.parentPath, entry.name);
      const text = Handlebars.compile(readFileSync(path, 'utf8'), { noEscape: true })({});
      if (entry.name.endsWith('.yaml.hbs')) {
        for (const [at, value] of leaves(parse(text) as unknown)) {
          const key = pattern(at);
          examples.set(key, (examples.get(key) ?? new Set()).add(value));
        }
      } else if (entry.name.endsWith('.mdx.hbs')) {
        for (const line of text.split('\n').map(normalise)) if (line.length >= MIN_LINE && !/^[<#]/.test(line)) lines.add(line);
      } else {
        throw new Error(`${relative(process.cwd(), path)}: a scaffold file is a .yaml.hbs or a .mdx.hbs`);
      }
    }
  }
  return { settings, lines };
}

/** Every text of a parsed YAML value, with its path. */
function leaves(value: unknown, path: Array<string | number> = []): Array<[Array<string | number>, string]> {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((item, i) => leaves(item, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => leaves(item, [...path, key]));
  return [];
}

function pattern(path: ReadonlyArray<string | number>): string {
  return path.map((part) => (typeof part === 'number' ? '*' : part)).join('.');
}

function normalise(line: string): string {
  return line.trim().replace(/\s+/g, ' ');
}
