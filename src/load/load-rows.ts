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
  const table = new RowTable(settings, file.path);
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
    table.add(row.values, record.place);
  }
  if (file.messages.slice(before).some((m) => m.fatal)) {
    file.messages = [...file.messages.slice(0, before), ...file.messages.slice(before).filter((m) => m.fatal)];
    return { file, rows: [], skipped: 0 };
  }
  return { file, rows: table.rows(), skipped };
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
 * The rows of a collection as kept for the whole build, in little memory (a national dataset holds tens of thousands
 * of rows): a column per field (two for a translated text), figures in Float64Arrays (NaN where an optional field is
 * empty), texts as UTF-8 bytes (see TextColumn); the place of each row as four numbers. A Row is a view of one of
 * them: its values and its place are made when asked for, and its id each time it is read.
 */
class RowTable {
  readonly #file: string;
  /** Each field, in the order of collection.yaml, with its columns. */
  readonly #fields: ReadonlyArray<{ readonly name: string; readonly columns: readonly Column[] }>;
  readonly #byName: ReadonlyMap<string, readonly Column[]>;
  /** The field of the rows' ids (a text field: see loadProject). */
  readonly #id: Column;
  #length = 0;
  // The place of each row in the dataset: start line and column, end line and column (0 when unknown).
  readonly #places = new Blocks(() => new Int32Array(4 * BLOCK), 4);

  constructor(settings: CollectionData, file: string) {
    this.#file = file;
    this.#fields = Object.entries(settings.fields).map(([name, spec]) => ({
      name,
      columns: spec.type === 'translated' ? [new TextColumn(), new TextColumn()] : spec.type === 'text' ? [new TextColumn()] : [new NumberColumn()],
    }));
    this.#byName = new Map(this.#fields.map((field) => [field.name, field.columns]));
    this.#id = this.#byName.get(settings.id)![0]!;
  }

  /** Adds a row that passed validation (its id, a text, among its values). */
  add(values: ReadonlyMap<string, FieldValue>, place: Position | undefined): void {
    for (const { name, columns } of this.#fields) {
      const value = values.get(name);
      if (columns.length === 2) {
        const both = value as { readonly fr: string; readonly en: string } | undefined;
        columns[0]!.push(both?.fr);
        columns[1]!.push(both?.en);
      } else columns[0]!.push(value as string | number | undefined);
    }
    this.#places.push(place?.start.line ?? 0, place?.start.column ?? 0, place?.end.line ?? 0, place?.end.column ?? 0);
    this.#length++;
  }

  /** The rows, once every row is added: the columns are made compact, and each row a view of its index. */
  rows(): Row[] {
    for (const { columns } of this.#fields) for (const column of columns) column.seal();
    this.#places.seal();
    const rows = new Array<Row>(this.#length);
    for (let i = 0; i < this.#length; i++) rows[i] = new TableRow(this, i);
    return rows;
  }

  /** The id of row `i`. */
  id(i: number): string {
    return this.#id.get(i) as string;
  }

  /** The value of the field `name` in row `i` (undefined for an optional field left empty, or no such field). */
  value(i: number, name: string): FieldValue | undefined {
    const columns = this.#byName.get(name);
    return columns ? this.#valueOf(columns, i) : undefined;
  }

  /** The fields of row `i` that have a value, with it, in the order of collection.yaml. */
  *entries(i: number): Generator<[string, FieldValue]> {
    for (const { name, columns } of this.#fields) {
      const value = this.#valueOf(columns, i);
      if (value !== undefined) yield [name, value];
    }
  }

  /** Where row `i` is in the dataset. */
  source(i: number): Source {
    const [line, column, endLine, endColumn] = [0, 1, 2, 3].map((j) => this.#places.get(4 * i + j) as number) as [number, number, number, number];
    if (!line) return { file: this.#file };
    return { file: this.#file, position: { start: { line, column }, end: { line: endLine, column: endColumn } } };
  }

  #valueOf(columns: readonly Column[], i: number): FieldValue | undefined {
    if (columns.length === 1) return columns[0]!.get(i);
    const fr = columns[0]!.get(i) as string | undefined;
    return fr === undefined ? undefined : { fr, en: columns[1]!.get(i) as string };
  }
}

/** The values of one field (or one language of a translated one) down the rows. */
interface Column {
  push(value: string | number | undefined): void;
  get(i: number): string | number | undefined;
  /** Called once every row is added. */
  seal(): void;
}

/** Figures, 8 bytes each; NaN for none (a figure of a row is always a finite number). */
class NumberColumn implements Column {
  readonly #values = new Blocks(() => new Float64Array(BLOCK));

  push(value: string | number | undefined): void {
    this.#values.push(value === undefined ? Number.NaN : (value as number));
  }

  get(i: number): number | undefined {
    const value = this.#values.get(i) as number;
    return Number.isNaN(value) ? undefined : value;
  }

  seal(): void {
    this.#values.seal();
  }
}

/** How many distinct texts of a column are looked for again in the next rows, to keep a repeated value once. */
const SHARED_TEXTS = 256;

/** The size of the pieces a TextColumn writes its texts into. */
const TEXT_PIECE = 64 * 1024;

/** No text (an optional field left empty), where a TextColumn keeps the place of a text. */
const NO_TEXT = 0xffffffff;

/**
 * Texts as UTF-8 bytes in pieces of 64 kB, a row's text found by where it starts (four bytes a row): about a third of
 * what a string each takes. The first distinct values met are kept once however often they come back (a region).
 */
class TextColumn implements Column {
  /** Where each row's text starts: its piece × TEXT_PIECE + its offset in the piece; NO_TEXT for none. */
  readonly #starts = new Blocks(() => new Uint32Array(BLOCK));
  /** Each text: its length in bytes (four bytes), then its bytes. */
  readonly #pieces: Buffer[] = [];
  #size = 0;
  #shared: Map<string, number> | undefined = new Map();

  push(value: string | number | undefined): void {
    const text = value as string | undefined;
    if (text === undefined) return this.#starts.push(NO_TEXT);
    const known = this.#shared?.get(text);
    if (known !== undefined) return this.#starts.push(known);
    const bytes = Buffer.from(text, 'utf8');
    let piece = this.#pieces.at(-1);
    if (!piece || this.#size + 4 + bytes.length > TEXT_PIECE) {
      // A text longer than a piece gets a piece of its own, as large (a dataset is at most 8 MB), and the next one a
      // new piece: a text always starts within the first TEXT_PIECE bytes of its piece.
      this.#pieces.push((piece = Buffer.allocUnsafe(Math.max(TEXT_PIECE, 4 + bytes.length))));
      this.#size = 0;
    }
    const start = (this.#pieces.length - 1) * TEXT_PIECE + this.#size;
    piece.writeUInt32LE(bytes.length, this.#size);
    bytes.copy(piece, this.#size + 4);
    this.#size += 4 + bytes.length;
    if (this.#shared && this.#shared.size < SHARED_TEXTS) this.#shared.set(text, start);
    this.#starts.push(start);
  }

  get(i: number): string | undefined {
    const start = this.#starts.get(i) as number;
    if (start === NO_TEXT) return undefined;
    const piece = this.#pieces[Math.floor(start / TEXT_PIECE)]!;
    const at = start % TEXT_PIECE;
    return piece.toString('utf8', at + 4, at + 4 + piece.readUInt32LE(at));
  }

  seal(): void {
    this.#starts.seal();
    this.#shared = undefined;
    const last = this.#pieces.length - 1;
    if (last >= 0) this.#pieces[last] = Buffer.from(this.#pieces[last]!.subarray(0, this.#size));
  }
}

/** How many values a block of a column holds. */
const BLOCK = 4096;

/**
 * Values in blocks of a fixed size (typed arrays or arrays): a column grows by a new block, never by copying what it
 * holds (a large array grown by copies leaves copies as large to collect, while the rows are still being read).
 */
class Blocks<B extends { [i: number]: unknown; readonly length: number; slice(start: number, end: number): B }> {
  readonly #blocks: B[] = [];
  readonly #make: () => B;
  #length = 0;

  /** `make` gives an empty block of BLOCK × `width` values. */
  constructor(make: () => B, readonly width = 1) {
    this.#make = make;
  }

  push(...values: Array<B[number]>): void {
    for (const value of values) {
      const at = this.#length % (BLOCK * this.width);
      if (at === 0) this.#blocks.push(this.#make());
      this.#blocks[this.#blocks.length - 1]![at] = value;
      this.#length++;
    }
  }

  get(i: number): B[number] {
    return this.#blocks[Math.floor(i / (BLOCK * this.width))]![i % (BLOCK * this.width)]!;
  }

  /** Trims the last block to the values it holds, once every value is pushed. */
  seal(): void {
    const last = this.#blocks.length - 1;
    if (last >= 0) this.#blocks[last] = this.#blocks[last]!.slice(0, this.#length - last * BLOCK * this.width);
  }
}

/** A row of a RowTable. */
class TableRow implements Row {
  readonly #table: RowTable;
  readonly #index: number;

  constructor(table: RowTable, index: number) {
    this.#table = table;
    this.#index = index;
  }

  get id(): string {
    return this.#table.id(this.#index);
  }

  get values(): ReadonlyMap<string, FieldValue> {
    return new RowValues(this.#table, this.#index);
  }

  get source(): Source {
    return this.#table.source(this.#index);
  }
}

/** A row's values by field name, read from its table (an optional field left empty is absent). */
class RowValues implements ReadonlyMap<string, FieldValue> {
  readonly #table: RowTable;
  readonly #index: number;

  constructor(table: RowTable, index: number) {
    this.#table = table;
    this.#index = index;
  }

  get size(): number {
    let size = 0;
    for (const _ of this.entries()) size++;
    return size;
  }

  get(name: string): FieldValue | undefined {
    return this.#table.value(this.#index, name);
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  entries(): MapIterator<[string, FieldValue]> {
    return this.#table.entries(this.#index);
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
