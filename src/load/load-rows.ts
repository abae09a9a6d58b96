import { join, relative } from 'node:path';
import type { Position } from 'unist';
import type { VFile } from 'vfile';
import { LANGS } from '../locale/lang.js';
import type { FieldValue, Row } from './project.js';
import type { Source } from './place.js';
import { readDataset, type RawRecord } from './read-dataset.js';
import type { CollectionData, FieldData } from './schema.js';
import { fail, report } from '../core/messages.js';
import { SLUG } from '../core/slug.js';

/** The rows of a collection, validated against its fields, with the dataset's file for messages. */
export interface LoadedRows {
  readonly file: VFile;
  readonly rows: Row[];
  /** How many rows were left out (each reported on the dataset's file). */
  readonly skipped: number;
}

/** The `{field}` placeholders of a collection's title and description. */
export const PLACEHOLDER = /\{([a-z][a-z0-9_]*)\}/g;

/** A row's id names its folder, as a slug does. */
const ROW_ID = SLUG;

/**
 * Reads a collection's dataset and checks it against the fields of collection.yaml. A problem of the whole dataset
 * (unreadable, a column missing or unknown) is an error; a problem of one row (a value of the wrong kind, an id
 * used twice) is a warning that leaves the row out: the other rows still make their sheets (not with --final).
 */
export async function loadRows(dir: string, settings: CollectionData, show: (path: string) => string): Promise<LoadedRows> {
  const path = join(dir, settings.dataset);
  const dataset = await readDataset(path, show(path));
  const { file, columns } = dataset;
  if (!columns) return { file, rows: [], skipped: 0 };
  const name = relative(dir, path);
  const fields = Object.entries(settings.fields);

  const expected = new Map(fields.flatMap(([field, spec]) => columnsOf(field, spec).map((column) => [column, field] as const)));
  const columnError = (reason: string, place: Position | undefined) => fail(file, reason, 'dataset-columns', place);
  const csv = path.endsWith('.csv');
  const headerPlace = columns.values().next().value ?? undefined;
  if (csv) {
    for (const [column, place] of columns) {
      if (!expected.has(column)) columnError(`The column "${column}" is not a field of the collection: declare it under "fields" in collection.yaml (with its type and label), or remove the column.`, place);
    }
    const missing = [...expected].filter(([column, field]) => !columns.has(column) && !settings.fields[field]!.optional).map(([column]) => `"${column}"`);
    if (missing.length > 0) columnError(`The header line has no column ${missing.join(', ')}: every field of collection.yaml that is not optional has a column. Add ${missing.length > 1 ? 'them' : 'it'}, or mark the field "optional: true".`, headerPlace);
  }
  if (file.messages.some((m) => m.fatal)) return { file, rows: [], skipped: 0 };

  // The messages of the whole file: if reading the records ends on a problem of the whole file, it alone is reported.
  const before = file.messages.length;
  const rows: Row[] = [];
  const fieldIndex: FieldIndex = new Map(fields.map(([field], i) => [field, i]));
  const yamlColumns = csv ? undefined : new Set(expected.keys());
  const seen = new Map<string, number>();
  let skipped = 0;
  for await (const record of dataset.records) {
    const problem = (reason: string, place: Position | undefined, field?: string): void => {
      const what = field ? `, field "${field}" (${settings.fields[field]?.label.en ?? field})` : '';
      const id = record.values.get(settings.id)?.value;
      const named = typeof id === 'string' && id.trim() !== '' ? ` ("${id.trim()}")` : '';
      report(file, `Row ${record.number}${named}${what}: ${reason} This row's sheets are left out until it is fixed in ${name}.`, 'bad-row', 'warning', place ?? record.place);
    };
    const row = readRow(record, settings, yamlColumns, problem);
    if (!row) {
      skipped++;
      continue;
    }
    const first = seen.get(row.id);
    if (first !== undefined) {
      problem(`the id "${row.id}" is already the id of row ${first}: each row names its own folder. Give it another id.`, record.values.get(settings.id)?.place, settings.id);
      skipped++;
      continue;
    }
    seen.set(row.id, record.number);
    rows.push(new DatasetRow(row.id, fieldIndex, row.values, file.path, record.place));
  }
  if (file.messages.slice(before).some((m) => m.fatal)) {
    file.messages = [...file.messages.slice(0, before), ...file.messages.slice(before).filter((m) => m.fatal)];
    return { file, rows: [], skipped: 0 };
  }
  return { file, rows, skipped };
}

/** The columns a field reads: its name, or <name>_fr and <name>_en for a translated text. */
export function columnsOf(field: string, spec: FieldData): string[] {
  return spec.type === 'translated' ? LANGS.map((lang) => `${field}_${lang}`) : [field];
}

/** A row's id and typed values, or undefined after reporting its first problem. */
/** `known`: the columns a YAML row may have (a CSV's header was checked once, for every row). */
function readRow(record: RawRecord, settings: CollectionData, known: ReadonlySet<string> | undefined, problem: (reason: string, place: Position | undefined, field?: string) => void): Omit<Row, 'source'> | undefined {
  if (record.malformed) {
    problem(`it ${record.malformed}.${known === undefined ? ' A value with a comma is written between double quotes ("Val de Loire, Centre").' : ''}`, record.place);
    return undefined;
  }
  if (known) {
    for (const [key, raw] of record.values) {
      if (!known.has(key)) {
        problem(`"${key}" is not a field of the collection: declare it under "fields" in collection.yaml, or remove it.`, raw.place);
        return undefined;
      }
    }
  }
  const values = new Map<string, FieldValue>();
  for (const [field, spec] of Object.entries(settings.fields)) {
    const cells = columnsOf(field, spec).map((column) => ({ column, raw: record.values.get(column) }));
    const empty = cells.filter(({ raw }) => raw === undefined || raw.value === null || String(raw.value).trim() === '');
    if (empty.length === cells.length && spec.optional) continue;
    if (empty.length > 0) {
      const { column, raw } = empty[0]!;
      problem(`no value${column !== field ? ` in "${column}"` : ''}: expected ${EXPECTED[spec.type]}.${spec.optional ? ' Give both languages, or neither.' : ' Every row gives it (or mark the field "optional: true" in collection.yaml).'}`, raw?.place, field);
      return undefined;
    }
    if (spec.type === 'translated') {
      values.set(field, { fr: String(cells[0]!.raw!.value).trim(), en: String(cells[1]!.raw!.value).trim() });
      continue;
    }
    const raw = cells[0]!.raw!;
    const value = typed(raw.value, spec.type);
    if (value === undefined) {
      problem(`expected ${EXPECTED[spec.type]}, found ${JSON.stringify(typeof raw.value === 'string' ? raw.value.trim() : raw.value)}.`, raw.place, field);
      return undefined;
    }
    values.set(field, value);
  }
  const id = values.get(settings.id);
  if (typeof id !== 'string' || !ROW_ID.test(id)) {
    problem(`the id ${JSON.stringify(id)} cannot name a folder: use lowercase letters, digits and "-" (e.g. "ti-001").`, record.values.get(settings.id)?.place, settings.id);
    return undefined;
  }
  return { id, values };
}

/**
 * A row as kept for the whole build, in little memory (a national dataset holds tens of thousands): its values in an
 * array beside the field names every row of the dataset shares, and its place as four numbers, made into a Source
 * only when asked for.
 */
class DatasetRow implements Row {
  readonly values: ReadonlyMap<string, FieldValue>;
  readonly #file: string;
  // The place of the row in the dataset (0 when unknown).
  readonly #line: number;
  readonly #column: number;
  readonly #endLine: number;
  readonly #endColumn: number;

  constructor(readonly id: string, fields: FieldIndex, values: ReadonlyMap<string, FieldValue>, file: string, place: Position | undefined) {
    this.values = new RowValues(fields, values);
    this.#file = file;
    this.#line = place?.start.line ?? 0;
    this.#column = place?.start.column ?? 0;
    this.#endLine = place?.end.line ?? 0;
    this.#endColumn = place?.end.column ?? 0;
  }

  get source(): Source {
    if (this.#line === 0) return { file: this.#file };
    return { file: this.#file, position: { start: { line: this.#line, column: this.#column }, end: { line: this.#endLine, column: this.#endColumn } } };
  }
}

/** The fields of a collection, each with its place in the rows' arrays of values. */
type FieldIndex = ReadonlyMap<string, number>;

/** A row's values by field name, read from an array shared out by a FieldIndex (an optional field left empty is absent). */
class RowValues implements ReadonlyMap<string, FieldValue> {
  readonly #fields: FieldIndex;
  readonly #slots: Array<FieldValue | undefined>;
  readonly size: number;

  constructor(fields: FieldIndex, values: ReadonlyMap<string, FieldValue>) {
    this.#fields = fields;
    this.#slots = new Array<FieldValue | undefined>(fields.size).fill(undefined);
    for (const [name, value] of values) this.#slots[fields.get(name)!] = value;
    this.size = values.size;
  }

  get(name: string): FieldValue | undefined {
    const slot = this.#fields.get(name);
    return slot === undefined ? undefined : this.#slots[slot];
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  *entries(): MapIterator<[string, FieldValue]> {
    for (const [name, slot] of this.#fields) {
      const value = this.#slots[slot];
      if (value !== undefined) yield [name, value];
    }
  }

  *keys(): MapIterator<string> {
    for (const [name] of this.entries()) yield name;
  }

  *values(): MapIterator<FieldValue> {
    for (const [, value] of this.entries()) yield value;
  }

  forEach(callback: (value: FieldValue, key: string, map: ReadonlyMap<string, FieldValue>) => void, thisArg?: unknown): void {
    for (const [name, value] of this.entries()) callback.call(thisArg, value, name, this);
  }

  [Symbol.iterator](): MapIterator<[string, FieldValue]> {
    return this.entries();
  }
}

const EXPECTED: Record<FieldData['type'], string> = {
  text: 'a text',
  translated: 'a text in French and one in English',
  count: 'a whole number written with digits only (e.g. 1250)',
  number: 'a number written with digits and a decimal point (e.g. 12.5)',
  eur: 'an amount in euros written with digits only, a decimal point if need be (e.g. 2500000)',
  percent: 'a percentage between 0 and 100 written with digits and a decimal point (e.g. 12.5)',
  hectare: 'an area in hectares written with digits and a decimal point (e.g. 12.5)',
};

/** A raw value read as a field's type, or undefined when it is not one. */
function typed(value: unknown, type: FieldData['type']): FieldValue | undefined {
  if (type === 'text') return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : undefined;
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value.trim()) : undefined;
  if (number === undefined || !Number.isFinite(number)) return undefined;
  if (type === 'count') return Number.isInteger(number) && number >= 0 ? number : undefined;
  if (type === 'percent') return number >= 0 && number <= 100 ? number : undefined;
  if (type === 'number') return number;
  return number >= 0 ? number : undefined;
}
