import type { Position } from 'unist';
import { VFile } from 'vfile';
import { hashOf, type RenderCache } from '../core/cache.js';
import { copyMessages } from '../core/messages.js';
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type Node as YamlNode,
} from 'yaml';
import type { RuleId } from '../core/rules.js';
import { fail as failOn } from '../core/messages.js';
import { readTextFile } from './read-text-file.js';

declare module 'vfile' {
  interface DataMap {
    /** The parsed YAML document of a data file. */
    yamlDocument: Document;
  }
}

/** A YAML file parsed as 1.2 core schema, with its vfile for messages and a way to locate any path in it. */
export interface YamlSource {
  file: VFile;
  /** The plain data, or undefined when the file could not be parsed. */
  data: unknown;
  /** Position of the node at `path` (or of its nearest existing parent). */
  locate(path: ReadonlyArray<PropertyKey>): Position | undefined;
  /** Position of the key of the mapping entry at `path` (or of the nearest thing locate finds). */
  locateKey(path: ReadonlyArray<PropertyKey>): Position | undefined;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 12;

/**
 * Reads and parses one YAML data file: a regular file (never a symbolic link, a device or a pipe), strict UTF-8,
 * 1.2 core schema, no aliases, unique keys, no prototype keys.
 */
export async function readYaml(path: string, displayPath = path, cache?: RenderCache, duplicateHint?: DuplicateHint): Promise<YamlSource> {
  const file = new VFile({ path: displayPath });
  const text = await readTextFile(path, file, 'data files');
  if (text === undefined) return { file, data: undefined, locate: () => undefined, locateKey: () => undefined };
  if (!cache) return parseYaml(text, file, duplicateHint);
  // The same text parses to the same document: reuse it, with a fresh file (and copies of its messages) for this load.
  const parsed = cache.get('yaml', hashOf(displayPath, text, duplicateHint ? 'hinted' : ''), () => parseYaml(text, new VFile({ path: displayPath }), duplicateHint));
  file.value = text;
  file.data.yamlDocument = parsed.file.data.yamlDocument!;
  copyMessages(parsed.file, file);
  return { ...parsed, file };
}

/**
 * Parses YAML text into a YamlSource (see readYaml). `duplicateHint` (default none) adds to the message of a
 * duplicate key: what the file's author most likely meant (a new value of a figure, in indicators.yaml).
 */
export function parseYaml(text: string, file: VFile, duplicateHint?: DuplicateHint): YamlSource {
  file.value = text;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    version: '1.2',
    schema: 'core',
    merge: false,
    uniqueKeys: true,
    lineCounter,
    prettyErrors: false,
    strict: true,
    stringKeys: true,
  });
  file.data.yamlDocument = doc; // the checks locate data with it, without parsing the file again

  const pointAt = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col, offset };
  };
  const rangeOf = (node: { range?: [number, number, number] | null | undefined }): Position | undefined =>
    node.range ? { start: pointAt(node.range[0]), end: pointAt(node.range[1]) } : undefined;
  const fail = (reason: string, ruleId: RuleId, place?: Position) => void failOn(file, reason, ruleId, place);

  const misindentedLines = new Set<number>();
  for (const error of doc.errors) {
    const [start, end] = error.pos;
    const place = { start: pointAt(start), end: pointAt(end) };
    if (error.code === 'DUPLICATE_KEY') {
      const key = /^[^:\n]*/.exec(text.slice(start))![0].trim();
      const extra = duplicateHint?.(key, place.start.column);
      const hint = extra ? ` ${extra}` : '';
      fail(`Duplicate key "${key}": it is already defined above in the same mapping. Keep one definition.${hint}`, 'yaml-duplicate-key', place);
    } else if (/call stack/i.test(error.message)) {
      // The parser gave up on brackets or indentation nested thousands of levels deep.
      fail(`Nesting deeper than ${MAX_DEPTH} levels: data files are flat records. Simplify this structure.`, 'yaml-too-deep', place);
    } else {
      const indentation = INDENTATION_ERRORS.has(error.code) ? misindented(text, pointAt(start).line) : undefined;
      if (indentation && misindentedLines.has(indentation.line)) continue; // one message per line, however many errors it causes
      if (indentation) {
        const { line, found, expected } = indentation;
        misindentedLines.add(line);
        const lineStart = { line, column: found, offset: lineCounter.lineStarts[line - 1]! + found - 1 };
        const options = expected.map((e) => `column ${e.column}, in line with "${e.key}" (line ${e.line})`).join(', or ');
        fail(`Invalid YAML: this key starts at column ${found}, which lines up with no key above it: expected ${options}. YAML reads the structure from the indentation: move the key to the column of the keys it belongs with.`, 'yaml-syntax', { start: lineStart, end: lineStart });
      } else {
        fail(`Invalid YAML: ${error.message.split('\n')[0]}. Fix the syntax at this place.`, 'yaml-syntax', place);
      }
    }
  }
  if (doc.directives?.yaml.explicit && doc.directives.yaml.version !== '1.2') {
    fail(`Unsupported "%YAML ${doc.directives.yaml.version}" directive: data files are read as YAML 1.2. Remove the directive.`, 'yaml-version', {
      start: pointAt(0),
      end: pointAt(0),
    });
  }
  const anchorRange = (node: { anchor?: string | undefined; range?: [number, number, number] | null | undefined }) => {
    const at = node.range && node.anchor ? text.lastIndexOf(`&${node.anchor}`, node.range[0]) : -1;
    return at >= 0 ? { start: pointAt(at), end: pointAt(at + node.anchor!.length + 1) } : rangeOf(node);
  };
  if (doc.errors.length === 0) checkNodes(doc, rangeOf, anchorRange, fail);

  const valid = file.messages.every((m) => !m.fatal);
  const data = valid ? doc.toJS({ maxAliasCount: 0 }) : undefined;
  return {
    file,
    data,
    locate(path) {
      for (let length = path.length; length >= 0; length--) {
        const node = doc.getIn(path.slice(0, length) as unknown[], true) as YamlNode | undefined;
        if (node && typeof node === 'object' && 'range' in node) return rangeOf(node);
      }
      return undefined;
    },
    locateKey(path) {
      const parent = path.length > 1 ? doc.getIn(path.slice(0, -1) as unknown[], true) : doc.contents;
      if (isMap(parent)) {
        const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === path.at(-1));
        if (pair && isScalar(pair.key)) return rangeOf(pair.key);
      }
      return this.locate(path);
    },
  };
}

/** What to add to the message of a duplicate key, from the key and its column (none: nothing to add). */
export type DuplicateHint = (key: string, column: number) => string | undefined;

/** The parser's errors that come from a line indented to the wrong column. */
const INDENTATION_ERRORS: ReadonlySet<string> = new Set(['BAD_INDENT', 'BLOCK_AS_IMPLICIT_KEY', 'MULTILINE_IMPLICIT_KEY', 'MISSING_CHAR', 'UNEXPECTED_TOKEN']);

/** A key line ("  role:", "- fr: …"): its column and key. */
const KEY_LINE = /^( *)(?:- +)?([^\s#:'"][^:#]*?|"[^"]*"|'[^']*'):(?:\s|$)/;

/**
 * The key line near `errorLine` (the line before it, it or the next one) whose column lines up with no key of the
 * mappings it could belong to, with the columns it could be at (the keys above it that are still open); undefined
 * when every key line there lines up.
 */
export function misindented(text: string, errorLine: number): { line: number; found: number; expected: Array<{ column: number; key: string; line: number }> } | undefined {
  const lines = text.split(/\r?\n/);
  /** The open keys: for each column, the last key seen at it, innermost last. */
  const open: Array<{ column: number; key: string; line: number; block: boolean }> = [];
  let scalarIndent = -1;
  for (let i = 0; i < Math.min(lines.length, errorLine + 1); i++) {
    const text = lines[i]!;
    const indent = text.length - text.trimStart().length;
    if (text.trim() === '' || text.trimStart().startsWith('#')) continue;
    if (scalarIndent >= 0 && indent > scalarIndent) continue; // the lines of a block scalar (>-, |)
    scalarIndent = -1;
    const match = KEY_LINE.exec(text);
    if (!match) continue;
    const column = match[0].indexOf(match[2]!) + 1;
    const last = open.at(-1);
    const fits = !last || open.some((o) => o.column === column) || (last.block && column > last.column);
    if (!fits && i + 1 >= errorLine - 1) {
      const expected = [...open].reverse().filter((o) => o.column !== column).slice(0, 2).map(({ column: c, key, line }) => ({ column: c, key, line }));
      if (last?.block && !expected.some((e) => e.column > last.column)) expected.unshift({ column: last.column + 2, key: `a key under "${last.key}"`, line: last.line });
      return { line: i + 1, found: column, expected: expected.sort((a, b) => Math.abs(a.column - column) - Math.abs(b.column - column)) };
    }
    while (open.length > 0 && open.at(-1)!.column >= column) open.pop();
    const value = text.slice(match[0].length).trim();
    open.push({ column, key: match[2]!.trim(), line: i + 1, block: value === '' || value.startsWith('#') });
    if (/^[>|][-+]?\d*\s*(#.*)?$/.test(value)) scalarIndent = indent;
  }
  return undefined;
}

function checkNodes(
  doc: Document,
  rangeOf: (node: { range?: [number, number, number] | null | undefined }) => Position | undefined,
  anchorRange: (node: { anchor?: string | undefined; range?: [number, number, number] | null | undefined }) => Position | undefined,
  fail: (reason: string, ruleId: RuleId, place?: Position) => void,
): void {
  visit(doc, {
    Alias(_, node) {
      fail(`Aliases ("*${node.source}") are not allowed in data files: write the value out in full.`, 'yaml-alias', rangeOf(node));
    },
    Pair(_, pair, path) {
      const key = pair.key;
      if (isScalar(key) && typeof key.value === 'string' && FORBIDDEN_KEYS.has(key.value)) {
        fail(`The key "${key.value}" is reserved and cannot be used in data files. Rename it.`, 'yaml-forbidden-key', rangeOf(key));
      }
      return undefined;
    },
    Node(_, node, path) {
      if (isAlias(node)) return undefined;
      if ((isMap(node) || isSeq(node)) && path.filter((p) => isMap(p) || isSeq(p)).length >= MAX_DEPTH) {
        fail(`Nesting deeper than ${MAX_DEPTH} levels: data files are flat records. Simplify this structure.`, 'yaml-too-deep', rangeOf(node));
        return visit.BREAK;
      }
      if ('anchor' in node && node.anchor) {
        fail(`Anchors ("&${node.anchor}") are not allowed in data files: write each value out in full.`, 'yaml-alias', anchorRange(node));
      }
      return undefined;
    },
  });
}
