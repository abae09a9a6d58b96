import { readFile } from 'node:fs/promises';
import type { Position } from 'unist';
import { VFile } from 'vfile';
import {
  isAlias,
  isMap,
  isScalar,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type Node as YamlNode,
} from 'yaml';

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

/** Reads and parses one YAML data file: 1.2 core schema, no aliases, unique keys, no prototype keys. */
export async function readYaml(path: string, displayPath = path): Promise<YamlSource> {
  const file = new VFile({ path: displayPath });
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    file.message(`Cannot read this file (${(error as NodeJS.ErrnoException).code ?? 'error'}): check that it exists and is readable.`, {
      ruleId: 'read-error',
      source: 'communique',
    }).fatal = true;
    return { file, data: undefined, locate: () => undefined, locateKey: () => undefined };
  }
  return parseYaml(text, file);
}

/** Parses YAML text into a YamlSource (see readYaml). */
export function parseYaml(text: string, file: VFile): YamlSource {
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

  const pointAt = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col, offset };
  };
  const rangeOf = (node: { range?: [number, number, number] | null | undefined }): Position | undefined =>
    node.range ? { start: pointAt(node.range[0]), end: pointAt(node.range[1]) } : undefined;
  const fail = (reason: string, ruleId: string, place?: Position) => {
    const message = file.message(reason, { ruleId, source: 'communique', ...(place ? { place } : {}) });
    message.fatal = true;
  };

  for (const error of doc.errors) {
    const [start, end] = error.pos;
    const reason =
      error.code === 'DUPLICATE_KEY'
        ? `Duplicate key "${/^[^:\n]*/.exec(text.slice(start))![0].trim()}": it is already defined above in the same mapping. Keep one definition.`
        : `Invalid YAML: ${error.message.split('\n')[0]}. Fix the syntax at this place.`;
    fail(reason, error.code === 'DUPLICATE_KEY' ? 'yaml-duplicate-key' : 'yaml-syntax', { start: pointAt(start), end: pointAt(end) });
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

function checkNodes(
  doc: Document,
  rangeOf: (node: { range?: [number, number, number] | null | undefined }) => Position | undefined,
  anchorRange: (node: { anchor?: string | undefined; range?: [number, number, number] | null | undefined }) => Position | undefined,
  fail: (reason: string, ruleId: string, place?: Position) => void,
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
      const depth = path.filter((p) => isMap(p)).length;
      if (depth > MAX_DEPTH) {
        fail(`Nesting deeper than ${MAX_DEPTH} levels: data files are flat records. Simplify this structure.`, 'yaml-too-deep', isScalar(key) ? rangeOf(key) : undefined);
        return visit.BREAK;
      }
      return undefined;
    },
    Node(_, node) {
      if (isAlias(node)) return undefined;
      if ('anchor' in node && node.anchor) {
        fail(`Anchors ("&${node.anchor}") are not allowed in data files: write each value out in full.`, 'yaml-alias', anchorRange(node));
      }
      return undefined;
    },
  });
}
