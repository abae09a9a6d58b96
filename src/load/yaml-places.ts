import type { Position } from 'unist';
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { sourceText, valueRange, type SourceText } from './source-text.js';

/** Where things are in a YAML file, for messages about its data. */
export interface YamlPlaces {
  readonly source: SourceText;
  /** The range of the key of the entry at `path` (the value's, for a list item), or of its nearest existing parent. */
  key(path: ReadonlyArray<string | number>): Position | undefined;
  /** The range of the value at `path`, or of its nearest existing parent. */
  value(path: ReadonlyArray<string | number>): Position | undefined;
  /** The range of [from, to) of the text of the scalar at `path` (e.g. a figure inside a quote). */
  inText(path: ReadonlyArray<string | number>, from: number, to: number): Position | undefined;
  /** The text of the scalar at `path`, as written (not trimmed), or undefined when there is none. */
  text(path: ReadonlyArray<string | number>): string | undefined;
}

/** Parses a YAML text (already validated by the loader) to locate its keys and values. */
export function yamlPlaces(text: string, parsed?: Document): YamlPlaces {
  const doc = parsed ?? parseDocument(text, { version: '1.2', schema: 'core', merge: false });
  const source = sourceText(text);
  const range = (node: { range?: [number, number, number] | null | undefined } | null | undefined): Position | undefined =>
    node?.range ? { start: source.pointAt(node.range[0]), end: source.pointAt(node.range[1]) } : undefined;

  /** The key node and value node at `path`, walking as far as the path exists. */
  const walk = (path: ReadonlyArray<string | number>) => {
    let value: unknown = doc.contents;
    let key: unknown;
    let reached = 0;
    for (const step of path) {
      if (isMap(value)) {
        const pair = value.items.find((p) => isScalar(p.key) && p.key.value === step);
        if (!pair) break;
        key = pair.key;
        value = pair.value;
      } else if (isSeq(value) && typeof step === 'number' && step < value.items.length) {
        key = undefined;
        value = value.items[step];
      } else {
        break;
      }
      reached++;
    }
    return { key: key as YamlNode | undefined, value: value as YamlNode | undefined, complete: reached === path.length };
  };

  return {
    source,
    key(path) {
      const found = walk(path);
      return range(found.complete && found.key ? found.key : found.value);
    },
    value(path) {
      return range(walk(path).value);
    },
    inText(path, from, to) {
      const found = walk(path);
      if (!found.complete || !isScalar(found.value) || typeof found.value.value !== 'string' || !found.value.range) return range(found.value);
      return valueRange(found.value.value, source, found.value.range[0], from, to);
    },
    text(path) {
      const found = walk(path);
      return found.complete && isScalar(found.value) && typeof found.value.value === 'string' ? found.value.value : undefined;
    },
  };
}
