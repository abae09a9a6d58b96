import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';

/**
 * Chromium's PDF backend embeds only TrueType outlines; the DSFR's Marianne is a CFF (PostScript) font, which it would
 * print as unnamed Type 3 glyphs. This converts a WOFF font to a TrueType font for printing, cached on disk by content.
 */
export async function truetypeFont(woffPath: string, cacheDir: string | undefined): Promise<Uint8Array> {
  const woff = await readFile(woffPath);
  const key = createHash('sha256').update(woff).update('ttf-v1').digest('hex').slice(0, 24);
  const cached = cacheDir ? join(cacheDir, `${key}.ttf`) : undefined;
  if (cached) {
    try {
      return await readFile(cached);
    } catch {
      // not converted yet
    }
  }
  const sfnt = woffToSfnt(woff);
  const isCff = sfnt.readUInt32BE(0) === 0x4f54544f; // 'OTTO'
  // Loaded only on a cache miss: converting is a one-off.
  const { Font } = isCff ? await import('fonteditor-core') : { Font: undefined };
  const ttf = isCff && Font ? new Uint8Array(Font.create(sfnt, { type: 'otf' }).write({ type: 'ttf', hinting: false }) as ArrayBuffer) : sfnt;
  if (cached && cacheDir) {
    try {
      await mkdir(cacheDir, { recursive: true });
      const temporary = `${cached}.${process.pid}.tmp`;
      await writeFile(temporary, ttf);
      await rename(temporary, cached);
    } catch {
      // a cache that cannot be written only costs time
    }
  }
  return ttf;
}

/** Unpacks a WOFF 1.0 file into the OpenType (sfnt) font it wraps. */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error('not a WOFF font');
  const flavor = woff.readUInt32BE(4);
  const count = woff.readUInt16BE(12);
  const tables = [];
  for (let i = 0; i < count; i++) {
    const entry = 44 + i * 20;
    const offset = woff.readUInt32BE(entry + 4);
    const compressed = woff.readUInt32BE(entry + 8);
    const original = woff.readUInt32BE(entry + 12);
    const raw = woff.subarray(offset, offset + compressed);
    tables.push({
      tag: woff.toString('latin1', entry, entry + 4),
      checksum: woff.readUInt32BE(entry + 16),
      data: compressed < original ? inflateSync(raw) : raw,
    });
  }
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
  tables.forEach((table, i) => {
    const record = 12 + i * 16;
    out.write(table.tag, record, 'latin1');
    out.writeUInt32BE(table.checksum, record + 4);
    out.writeUInt32BE(offset, record + 8);
    out.writeUInt32BE(table.data.length, record + 12);
    table.data.copy(out, offset);
    offset += padded(table.data.length);
  });
  return out;
}
