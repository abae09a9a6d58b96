import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { Point, Position } from 'unist';
import { VFile } from 'vfile';
import { parseYaml } from './read-yaml.js';
import { readTextBytes, readTextFile } from './read-text-file.js';
import { hashOf } from '../core/cache.js';
import type { RuleId } from '../core/rules.js';
import { fail } from '../core/messages.js';

declare module 'vfile' {
  interface DataMap {
    /** A hash of the text of a file whose text is not kept as its value (a CSV dataset), for what compares texts. */
    textHash: string;
  }
}

/** A value of a dataset as read, before the collection's fields give it a type, with where it stands. */
export interface RawValue {
  /** A CSV cell is always a text; a YAML value may be a number, a boolean or null. */
  readonly value: unknown;
  readonly place: Position | undefined;
}

/** A record of a dataset: its number (1 = the first after the header) and its values by field name. */
export interface RawRecord {
  readonly number: number;
  readonly place: Position | undefined;
  readonly values: ReadonlyMap<string, RawValue>;
  /** A record whose shape is wrong (too many or too few CSV cells, not a mapping): why (its values are only a hint). */
  readonly malformed?: string;
}

/** A dataset as read: its file (for messages), the field names it gives with their places, and its records. */
export interface RawDataset {
  readonly file: VFile;
  /** Undefined when the file could not be read or parsed (the reason is a fatal message on `file`). */
  readonly columns: ReadonlyMap<string, Position | undefined> | undefined;
  /**
   * The records, to iterate once. A CSV's are parsed as they are asked for, a piece of the text at a time, so that
   * only a few are alive at once however long the dataset; a problem met on the way (a quote never closed, too many
   * rows) is a fatal message on `file` and ends them.
   */
  readonly records: AsyncIterable<RawRecord> | Iterable<RawRecord>;
}

/** A dataset holds rows for sheets; anything far larger is a mistake. */
const MAX_RECORDS = 100_000;

/**
 * Reads a collection's dataset: a CSV file (comma-separated, UTF-8, a header line of field names) or a YAML file (a
 * list of mappings). Every value keeps its line and column, for messages that name the row and the field.
 */
export async function readDataset(path: string, displayPath = path): Promise<RawDataset> {
  const file = new VFile({ path: displayPath });
  if (path.endsWith('.csv')) {
    const bytes = await readTextBytes(path, file, 'datasets');
    return bytes === undefined ? { file, columns: undefined, records: [] } : await readCsv(bytes, file);
  }
  const text = await readTextFile(path, file, 'datasets');
  if (text === undefined) return { file, columns: undefined, records: [] };
  return readYamlRows(text, file);
}

function fatal(file: VFile, reason: string, ruleId: RuleId, place?: Position): RawDataset {
  fail(file, reason, ruleId, place);
  return { file, columns: undefined, records: [] };
}

interface CsvRecord {
  readonly record: string[];
  readonly raw: string;
  readonly info: { readonly lines: number };
}

/** The size of the pieces of a CSV's bytes handed to the parser: the records alive at once are about one piece's. */
const CSV_PIECE = 4 * 1024;

/**
 * A CSV dataset, parsed from its bytes a piece at a time. Its text is never held whole, nor kept on `file` (it is as
 * large as the rows it makes, twice that as a string with a character beyond Latin-1): `file.data.textHash` stands
 * for it where the content's text is compared.
 */
async function readCsv(bytes: Uint8Array, file: VFile): Promise<RawDataset> {
  file.data.textHash = hashOf(bytes);
  const parser = parse({ bom: true, info: true, raw: true, relax_column_count: true, skip_empty_lines: true, to: MAX_RECORDS + 1 });
  Readable.from(pieces(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), CSV_PIECE)).pipe(parser);
  const parsed = parser[Symbol.asyncIterator]() as AsyncIterator<CsvRecord>;
  const invalid = (error: unknown): RawDataset => {
    const line = (error as { lines?: number }).lines ?? 1;
    const reason = (error as Error).message.replace(/^Invalid (Record|Opening Quote|Closing Quote)[^:]*:\s*/, '');
    return fatal(file, `Invalid CSV: ${reason}. A value with a comma, a quote or a line break is written between double quotes, its quotes doubled ("Val de ""Loire"""). Fix the file at this line.`, 'csv-syntax', { start: { line, column: 1 }, end: { line, column: 1 } });
  };
  let first: IteratorResult<CsvRecord>;
  try {
    first = await parsed.next();
  } catch (error) {
    return invalid(error);
  }
  if (first.done) return fatal(file, 'This dataset is empty: expected a header line of field names (e.g. "code,nom,emplois") and a line per row.', 'empty-dataset');
  const header = first.value;
  const headerPlaces = cellPlaces(header);
  const columns = new Map<string, Position | undefined>();
  for (const [i, name] of header.record.entries()) {
    const place = headerPlaces[i];
    const trimmed = name.trim();
    if (columns.has(trimmed)) {
      parser.destroy();
      return fatal(file, `The column "${trimmed}" is named twice in the header line: each field has one column. Remove or rename one.`, 'dataset-columns', place);
    }
    columns.set(trimmed, place);
  }
  const names = [...columns.keys()];
  async function* records(): AsyncGenerator<RawRecord> {
    let number = 0;
    try {
      for (let next = await parsed.next(); !next.done; next = await parsed.next()) {
        const row = next.value;
        if (++number > MAX_RECORDS) {
          fatal(file, `This dataset has more than ${MAX_RECORDS} rows: split it into several collections.`, 'file-too-large');
          return;
        }
        const places = cellPlaces(row);
        const place = places[0] ? { start: places[0].start, end: places.at(-1)!.end } : undefined;
        const values = new Map(row.record.slice(0, names.length).map((value, j) => [names[j]!, { value, place: places[j] }]));
        if (row.record.length !== header.record.length) {
          const malformed = `has ${row.record.length} value${row.record.length === 1 ? '' : 's'} where the header line names ${header.record.length} columns`;
          yield { number, place, values, malformed };
        } else yield { number, place, values };
      }
    } catch (error) {
      invalid(error);
    } finally {
      parser.destroy();
    }
  }
  return { file, columns, records: records() };
}

/** Bytes in pieces of `size` (the parser joins a character or a value cut between two). */
function* pieces(bytes: Buffer, size: number): Generator<Buffer> {
  for (let start = 0; start < bytes.length; start += size) yield bytes.subarray(start, start + size);
}

/** The place of each cell of a CSV record, from its raw text and the line it ends on. */
function cellPlaces(record: CsvRecord): Position[] {
  const raw = record.raw.replace(/^(\r?\n)+/, '').replace(/\r?\n$/, '');
  let line = record.info.lines - (raw.match(/\n/g)?.length ?? 0);
  let column = 1;
  let quoted = false;
  const places: Position[] = [];
  let start: Point = { line, column };
  const close = () => places.push({ start, end: { line, column } });
  for (const char of raw) {
    if (char === '"') quoted = !quoted;
    if (char === ',' && !quoted) {
      close();
      column++;
      start = { line, column };
      continue;
    }
    if (char === '\n') {
      line++;
      column = 1;
    } else if (char !== '\r') column++;
  }
  close();
  return places;
}

function readYamlRows(text: string, file: VFile): RawDataset {
  const yaml = parseYaml(text, file);
  if (yaml.data === undefined && file.messages.some((m) => m.fatal)) return { file, columns: undefined, records: [] };
  if (!Array.isArray(yaml.data)) {
    return fatal(file, 'A YAML dataset is a list of rows, one mapping each ("- code: ti-001" then "  nom: …" on the next lines).', 'dataset-shape', yaml.locate([]));
  }
  if (yaml.data.length > MAX_RECORDS) return fatal(file, `This dataset has more than ${MAX_RECORDS} rows: split it into several collections.`, 'file-too-large');
  const columns = new Map<string, Position | undefined>();
  const records = yaml.data.map((row: unknown, i): RawRecord => {
    const place = yaml.locate([i]);
    if (row === null || typeof row !== 'object' || Array.isArray(row)) {
      return { number: i + 1, place, values: new Map(), malformed: 'is not a mapping of field names to values' };
    }
    const values = new Map<string, RawValue>();
    for (const [name, value] of Object.entries(row)) {
      if (!columns.has(name)) columns.set(name, yaml.locateKey([i, name]));
      values.set(name, { value, place: yaml.locate([i, name]) });
    }
    return { number: i + 1, place, values };
  });
  return { file, columns, records };
}
