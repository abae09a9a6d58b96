import { isUtf8 } from 'node:buffer';
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Position } from 'unist';
import type { VFile } from 'vfile';
import { fail } from '../core/messages.js';
import type { RuleId } from '../core/rules.js';

/** Content files are a few kilobytes; anything far larger is a mistake (or an attack on memory). */
const MAX_BYTES = 8 * 1024 * 1024;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a text file of the content: a regular file (never a symbolic link, a device or a pipe), at most 8 MB, strict
 * UTF-8. A problem is a fatal message on `file` (at the first invalid byte for an encoding error), and undefined.
 * `what` names such files in messages ("data files").
 */
export async function readTextFile(path: string, file: VFile, what: string): Promise<string | undefined> {
  const bytes = await readTextBytes(path, file, what);
  return bytes === undefined ? undefined : utf8.decode(bytes);
}

/**
 * Reads a text file of the content as readTextFile does, with the same checks and messages, but gives its bytes
 * (checked to be UTF-8) rather than a string: for a file read a piece at a time (a dataset), whose whole text is
 * never needed at once.
 */
export async function readTextBytes(path: string, file: VFile, what: string): Promise<Uint8Array | undefined> {
  const start = { line: 1, column: 1, offset: 0 };
  const failed = (reason: string, ruleId: RuleId, place: Position = { start, end: start }): undefined => {
    fail(file, reason, ruleId, place);
    return undefined;
  };
  let bytes: Uint8Array;
  try {
    bytes = await readRegularFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    if (code === 'ELOOP') return failed(`This file is a symbolic link: ${what} are read from the content folder only. Replace the link by the file itself.`, 'not-a-file');
    if (code === 'ENOTFILE') return failed(`This is not a regular file (a device, a pipe or a folder): ${what} are plain text files. Replace it by a file.`, 'not-a-file');
    if (code === 'EFBIG') return failed(`This file is larger than ${MAX_BYTES / 1024 / 1024} MB: ${what} are small text files. Check that it is the right file.`, 'file-too-large');
    return failed(`Cannot read this file (${code}): check that it exists and is readable.`, 'read-error');
  }
  if (isUtf8(bytes)) return bytes;
  const at = invalidUtf8Offset(bytes);
  const before = new TextDecoder('utf-8').decode(bytes.subarray(0, at));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  const point = { line, column, offset: before.length };
  return failed('This file is not valid UTF-8 text (an invalid byte here): save it as UTF-8 in your editor.', 'invalid-encoding', { start: point, end: point });
}

/** The bytes of a regular file, refusing symbolic links (ELOOP), anything but a file (ENOTFILE) and huge files (EFBIG). */
async function readRegularFile(path: string): Promise<Uint8Array> {
  const handle = await open(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTFILE' });
    if (info.size > MAX_BYTES) throw Object.assign(new Error('file too large'), { code: 'EFBIG' });
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/** Offset of the first byte of the first sequence that is not valid UTF-8 ("pr\xE9sents": the \xE9). */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let i = 0; i < bytes.length; i++) {
    try {
      decoder.decode(bytes.subarray(i, i + 1), { stream: true });
    } catch {
      // The decoder fails on the byte after a sequence cut short: then the sequence's lead byte is the invalid one.
      let lead = i - 1;
      while (lead >= 0 && lead > i - 4 && (bytes[lead]! & 0xc0) === 0x80) lead--;
      const length = lead < 0 ? 0 : bytes[lead]! >= 0xf0 ? 4 : bytes[lead]! >= 0xe0 ? 3 : bytes[lead]! >= 0xc0 ? 2 : 1;
      return lead >= 0 && i - lead < length ? lead : i;
    }
  }
  return bytes.length; // a sequence cut short by the end of the file
}
