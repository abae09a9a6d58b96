import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateSync, inflateSync } from 'node:zlib';

/**
 * The font served to the browser for printing: the TrueType version of a WOFF font (truetypeFont) wrapped as WOFF
 * again, its tables compressed, a third of the size: every page of every build is sent its fonts through the DevTools
 * pipe, as base64. The browser unwraps it into the same TrueType font, which it embeds as before. Cached on disk by
 * content.
 */
export function printFont(woffPath: string, cacheDir: string | undefined): Promise<Uint8Array> {
  // A cached font wrapping a PostScript font was made before a conversion failed: made again.
  return cachedFont(woffPath, cacheDir, 'print-woff-v1', '.woff', (font) => font.toString('latin1', 4, 8) !== 'OTTO', async () =>
    sfntToWoff(Buffer.from(await truetypeFont(woffPath, cacheDir))),
  );
}

/**
 * Chromium's PDF backend embeds only TrueType outlines; the DSFR's Marianne is a CFF (PostScript) font, which it would
 * print as unnamed Type 3 glyphs. This converts a WOFF font to a TrueType font for printing, with the original's
 * layout tables, cached on disk by content.
 */
export function truetypeFont(woffPath: string, cacheDir: string | undefined): Promise<Uint8Array> {
  // A cached font left PostScript was not converted: converted again.
  return cachedFont(woffPath, cacheDir, 'ttf-v2', '.ttf', (font) => !isCff(font), async (woff) => {
    const sfnt = woffToSfnt(woff);
    return isCff(sfnt) ? withLayoutTables(Buffer.from((await fontEditor()).create(sfnt, { type: 'otf' }).write({ type: 'ttf', hinting: false }) as ArrayBuffer), sfnt) : sfnt;
  });
}

/**
 * A font made from a WOFF file by `make`, cached in `cacheDir` (when given) under a hash of the file and `version`;
 * a cached font that `usable` refuses is made again.
 */
async function cachedFont(woffPath: string, cacheDir: string | undefined, version: string, ext: string, usable: (font: Buffer) => boolean, make: (woff: Buffer) => Promise<Uint8Array>): Promise<Uint8Array> {
  const woff = await readFile(woffPath);
  const cached = cacheDir ? join(cacheDir, `${createHash('sha256').update(woff).update(version).digest('hex').slice(0, 24)}${ext}`) : undefined;
  if (cached) {
    try {
      const found = await readFile(cached);
      if (usable(found)) return found;
    } catch {
      // not made yet
    }
  }
  const font = await make(woff);
  if (cached && cacheDir) await writeCached(cacheDir, cached, font);
  return font;
}

/** Writes a converted font into the cache, whole or not at all; a cache that cannot be written only costs time. */
async function writeCached(cacheDir: string, path: string, bytes: Uint8Array): Promise<void> {
  try {
    await mkdir(cacheDir, { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(temporary, bytes);
    await rename(temporary, path);
  } catch {
    // left to the next build
  }
}

/** Whether an sfnt font has PostScript (CFF) outlines, which Chromium would print as Type 3 glyphs. */
function isCff(sfnt: Uint8Array): boolean {
  return sfnt.length >= 4 && Buffer.from(sfnt.buffer, sfnt.byteOffset, 4).toString('latin1') === 'OTTO';
}

/** fonteditor-core's Font, loaded only on a cache miss (converting is a one-off), as an ES or a CommonJS module exports it. */
async function fontEditor(): Promise<typeof import('fonteditor-core').Font> {
  const module = (await import('fonteditor-core')) as { Font?: typeof import('fonteditor-core').Font; default?: { Font?: typeof import('fonteditor-core').Font } };
  const font = module.Font ?? module.default?.Font;
  if (!font) throw new Error('fonteditor-core has no Font export: the print fonts cannot be converted to TrueType');
  return font;
}

/** A table of an sfnt (OpenType) font. */
interface SfntTable {
  readonly tag: string;
  readonly data: Buffer;
}

/** The OpenType layout tables (kerning, ligatures and other features, glyph classes) that the conversion drops. */
const LAYOUT_TABLES = ['GDEF', 'GPOS', 'GSUB'];

/**
 * Gives the converted font the layout tables of the original, so that printed text keeps its kerning and OpenType
 * features. The tables address glyphs by index: the conversion must keep the glyph order, which is checked here
 * through the advance width of every glyph, in order.
 */
export function withLayoutTables(converted: Buffer, original: Buffer): Buffer {
  const from = readSfnt(original);
  const into = readSfnt(converted);
  if (advances(from).join() !== advances(into).join()) {
    throw new Error('the TrueType conversion changed the glyph order: its layout tables would point at other glyphs');
  }
  const layout = from.filter((t) => LAYOUT_TABLES.includes(t.tag));
  return writeSfnt(converted.readUInt32BE(0), [...into.filter((t) => !LAYOUT_TABLES.includes(t.tag)), ...layout]);
}

/** The advance width of each glyph, in glyph order (hmtx: one per long metric, the last one repeated). */
function advances(tables: readonly SfntTable[]): number[] {
  const table = (tag: string) => {
    const found = tables.find((t) => t.tag === tag)?.data;
    if (!found) throw new Error(`the font has no ${tag} table`);
    return found;
  };
  const glyphs = table('maxp').readUInt16BE(4);
  const metrics = table('hhea').readUInt16BE(34);
  const hmtx = table('hmtx');
  return Array.from({ length: glyphs }, (_, i) => hmtx.readUInt16BE(4 * Math.min(i, metrics - 1)));
}

/** Reads the tables of an sfnt font. */
function readSfnt(sfnt: Buffer): SfntTable[] {
  const count = sfnt.readUInt16BE(4);
  return Array.from({ length: count }, (_, i) => {
    const record = 12 + i * 16;
    const offset = sfnt.readUInt32BE(record + 8);
    return { tag: sfnt.toString('latin1', record, record + 4), data: sfnt.subarray(offset, offset + sfnt.readUInt32BE(record + 12)) };
  });
}

/** Unpacks a WOFF 1.0 file into the OpenType (sfnt) font it wraps. */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error('not a WOFF font');
  const count = woff.readUInt16BE(12);
  const tables = Array.from({ length: count }, (_, i) => {
    const entry = 44 + i * 20;
    const offset = woff.readUInt32BE(entry + 4);
    const compressed = woff.readUInt32BE(entry + 8);
    const raw = woff.subarray(offset, offset + compressed);
    return { tag: woff.toString('latin1', entry, entry + 4), data: compressed < woff.readUInt32BE(entry + 12) ? inflateSync(raw) : raw };
  });
  return writeSfnt(woff.readUInt32BE(4), tables);
}

/**
 * Wraps an OpenType (sfnt) font as WOFF 1.0 (W3C, 2012): the same tables, in the same order, each compressed with
 * zlib when that makes it smaller, with their original checksums.
 */
export function sfntToWoff(sfnt: Buffer): Buffer {
  const count = sfnt.readUInt16BE(4);
  const padded = (n: number) => (n + 3) & ~3;
  const tables = Array.from({ length: count }, (_, i) => {
    const record = 12 + i * 16;
    const offset = sfnt.readUInt32BE(record + 8);
    const data = sfnt.subarray(offset, offset + sfnt.readUInt32BE(record + 12));
    const compressed = deflateSync(data, { level: 9 });
    return { record, data, stored: compressed.length < data.length ? compressed : data };
  });
  const size = 44 + 20 * count + tables.reduce((sum, t) => sum + padded(t.stored.length), 0);
  const out = Buffer.alloc(size);
  out.write('wOFF', 0, 'latin1');
  out.writeUInt32BE(sfnt.readUInt32BE(0), 4); // flavor
  out.writeUInt32BE(size, 8);
  out.writeUInt16BE(count, 12);
  out.writeUInt32BE(12 + 16 * count + tables.reduce((sum, t) => sum + padded(t.data.length), 0), 16); // totalSfntSize
  out.writeUInt16BE(1, 20); // version of the font: 1.0
  let offset = 44 + 20 * count;
  tables.forEach((table, i) => {
    const entry = 44 + 20 * i;
    sfnt.copy(out, entry, table.record, table.record + 4); // tag
    out.writeUInt32BE(offset, entry + 4);
    out.writeUInt32BE(table.stored.length, entry + 8);
    out.writeUInt32BE(table.data.length, entry + 12);
    out.writeUInt32BE(sfnt.readUInt32BE(table.record + 4), entry + 16); // the table's checksum
    table.stored.copy(out, offset);
    offset += padded(table.stored.length);
  });
  return out;
}

/** Writes an sfnt font from its tables: sorted by tag, each padded to 4 bytes, with checksums and head's adjustment. */
function writeSfnt(flavor: number, unsorted: readonly SfntTable[]): Buffer {
  const tables = [...unsorted].sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  const count = tables.length;
  const padded = (n: number) => (n + 3) & ~3;
  const out = Buffer.alloc(12 + 16 * count + tables.reduce((sum, t) => sum + padded(t.data.length), 0));
  const selector = Math.floor(Math.log2(count));
  const range = 16 * 2 ** selector;
  out.writeUInt32BE(flavor, 0);
  out.writeUInt16BE(count, 4);
  out.writeUInt16BE(range, 6);
  out.writeUInt16BE(selector, 8);
  out.writeUInt16BE(count * 16 - range, 10);
  let offset = 12 + 16 * count;
  let head = -1;
  tables.forEach((table, i) => {
    const record = 12 + i * 16;
    out.write(table.tag, record, 'latin1');
    table.data.copy(out, offset);
    if (table.tag === 'head') {
      head = offset;
      out.writeUInt32BE(0, offset + 8); // checkSumAdjustment counts as 0 in every checksum
    }
    out.writeUInt32BE(checksum(out.subarray(offset, offset + padded(table.data.length))), record + 4);
    out.writeUInt32BE(offset, record + 8);
    out.writeUInt32BE(table.data.length, record + 12);
    offset += padded(table.data.length);
  });
  if (head >= 0) out.writeUInt32BE((0xb1b0afba - checksum(out)) >>> 0, head + 8);
  return out;
}

/** The OpenType checksum: the sum of the big-endian 32-bit words, modulo 2^32. */
function checksum(data: Buffer): number {
  let sum = 0;
  for (let i = 0; i + 4 <= data.length; i += 4) sum = (sum + data.readUInt32BE(i)) >>> 0;
  return sum;
}
