import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { parse } from 'yaml';
import type { CheckContext } from './context.js';
import { report } from '../core/messages.js';

/** The scaffolds `communique new` copies (templates/scaffold/<kind>/). */
const SCAFFOLD = fileURLToPath(new URL('../../templates/scaffold', import.meta.url));

/** The example texts of the scaffolds: settings by kind and path (list items as "*"), and the paragraphs of the texts, folded. */
interface Placeholders {
  readonly settings: ReadonlyMap<string, ReadonlyMap<string, ReadonlySet<string>>>;
  readonly paragraphs: ReadonlySet<string>;
}

/** A paragraph with fewer letters and digits than this (a heading such as "Introduction", a tag) is not taken for an example. */
const MIN_PARAGRAPH = 20;

let shipped: Placeholders | undefined;

/**
 * placeholder (warning): the example texts `communique new` writes into a new document (its title, summary,
 * keywords, and the lines of its texts) are still there. A document written from a scaffold and never finished must
 * not go out: under `--final` this is an error.
 */
export function placeholder(context: CheckContext): void {
  const { settings, paragraphs } = (shipped ??= readPlaceholders(SCAFFOLD));
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
    for (const { text, start, end } of paragraphsOf(String(body.file.value))) {
      if (!paragraphs.has(fold(text))) continue;
      const shown = text.replace(/\s+/g, ' ');
      report(
        body.file,
        `This paragraph is still the example text written by \`communique new\` ("${shown.length > 50 ? `${shown.slice(0, 50)}…` : shown}"): replace it with this ${body.document.kind}'s own words before it goes out.`,
        'placeholder',
        'warning',
        { start, end },
      );
    }
  }
}

/** Reads the example texts of every scaffold below `dir` (its .hbs files filled with nothing: the examples are literal). */
export function readPlaceholders(dir: string): Placeholders {
  const settings = new Map<string, Map<string, Set<string>>>();
  const paragraphs = new Set<string>();
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
        for (const paragraph of paragraphsOf(text)) if (fold(paragraph.text).length >= MIN_PARAGRAPH) paragraphs.add(fold(paragraph.text));
      } else {
        throw new Error(`${relative(process.cwd(), path)}: a scaffold file is a .yaml.hbs or a .mdx.hbs`);
      }
    }
  }
  return { settings, paragraphs };
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

/** The paragraphs of a text (runs of lines between blank lines, headings and tags left out), with their places. */
function paragraphsOf(source: string): Array<{ text: string; start: { line: number; column: number }; end: { line: number; column: number } }> {
  const found: Array<{ text: string; start: { line: number; column: number }; end: { line: number; column: number } }> = [];
  let run: Array<{ line: string; at: number }> = [];
  const close = () => {
    if (run.length > 0) {
      const first = run[0]!;
      const last = run.at(-1)!;
      found.push({
        text: run.map((r) => r.line.trim()).join(' '),
        start: { line: first.at, column: first.line.length - first.line.trimStart().length + 1 },
        end: { line: last.at, column: last.line.trimEnd().length + 1 },
      });
    }
    run = [];
  };
  source.split('\n').forEach((line, i) => {
    if (line.trim() === '' || /^\s*[<#]/.test(line)) close();
    else run.push({ line, at: i + 1 });
  });
  close();
  return found;
}

/** Letters and digits only, lower-cased: an example is recognised however it was re-wrapped or typeset. */
function fold(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}
