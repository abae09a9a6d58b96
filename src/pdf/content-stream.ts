// A tokenizer for PDF content streams (ISO 32000-1, 7.2 and 8.2), just enough to find each operator and where its
// instruction (its operands, then the operator) starts and ends in the bytes. It knows the lexical forms that can
// hide an operator's letters or a delimiter: literal strings with escapes and nested parentheses, hex strings,
// names, arrays, dictionaries, comments, and inline images (BI … ID binary data EI), whose data is skipped.

/** One instruction of a content stream: an operator and its operands. */
export interface Instruction {
  /** The operator, e.g. "Tj", "BDC", "re"; "BI" for a whole inline image (BI … ID … EI). */
  readonly operator: string;
  /** Offset of the instruction's first byte (its first operand, or the operator when it has none). */
  readonly start: number;
  /** Offset just past the operator (past "EI" for an inline image). */
  readonly end: number;
}

// Byte classes of the PDF syntax, in a table: a content stream has tens of thousands of bytes to classify.
const REGULAR = 0;
const SPACE = 1;
const DELIMITER = 2;
const CLASS = new Uint8Array(256);
for (const byte of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CLASS[byte] = SPACE;
for (const byte of [0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]) CLASS[byte] = DELIMITER; // ( ) < > [ ] { } / %
const isRegular = (byte: number) => CLASS[byte] === REGULAR;
const isSpace = (byte: number) => CLASS[byte] === SPACE;
/** The keywords that are operands, not operators. */
const KEYWORDS = new Set(['true', 'false', 'null']);
/** Whether a regular token starting with `byte` is a number: +, -, . or a digit. */
const startsNumber = (byte: number) => byte === 0x2b || byte === 0x2d || byte === 0x2e || (byte >= 0x30 && byte <= 0x39);

const LEFT_PAREN = 0x28;
const RIGHT_PAREN = 0x29;
const BACKSLASH = 0x5c;
const LESS = 0x3c;
const GREATER = 0x3e;
const PERCENT = 0x25;
const SLASH = 0x2f;
const E = 0x45;
const I = 0x49;

/** Splits a (decoded) content stream into instructions, in order. Malformed input never throws: it ends the scan. */
export function instructions(bytes: Uint8Array): Instruction[] {
  const found: Instruction[] = [];
  const length = bytes.length;
  let at = 0;
  /** Start of the first operand since the last operator, or -1. */
  let pending = -1;
  while (at < length) {
    const byte = bytes[at]!;
    if (isSpace(byte)) {
      at++;
      continue;
    }
    if (byte === PERCENT) {
      while (at < length && bytes[at] !== 0x0a && bytes[at] !== 0x0d) at++; // a comment runs to the end of the line
      continue;
    }
    const start = at;
    if (byte === LEFT_PAREN) at = skipLiteralString(bytes, at);
    else if (byte === LESS) at = bytes[at + 1] === LESS ? at + 2 : skipPast(bytes, at, GREATER); // "<<" or a hex string
    else if (byte === GREATER) at += bytes[at + 1] === GREATER ? 2 : 1;
    else if (byte === SLASH) {
      at++;
      while (at < length && isRegular(bytes[at]!)) at++;
    } else if (!isRegular(byte)) at++; // [ ] { } and a stray ")"
    else {
      while (at < length && isRegular(bytes[at]!)) at++;
      const word = startsNumber(byte) ? undefined : latin1(bytes, start, at);
      if (word !== undefined && !KEYWORDS.has(word)) {
        const first = pending === -1 ? start : pending;
        pending = -1;
        if (word === 'BI') {
          at = skipInlineImage(bytes, at);
          found.push({ operator: 'BI', start: first, end: at });
        } else found.push({ operator: word, start: first, end: at });
        continue;
      }
    }
    if (pending === -1) pending = start;
  }
  return found;
}

/** Offset past the literal string opening at `at`: backslash escapes the next byte, unescaped parentheses nest. */
function skipLiteralString(bytes: Uint8Array, at: number): number {
  let depth = 0;
  while (at < bytes.length) {
    const byte = bytes[at]!;
    if (byte === BACKSLASH) at += 2;
    else {
      at++;
      if (byte === LEFT_PAREN) depth++;
      else if (byte === RIGHT_PAREN && --depth === 0) return at;
    }
  }
  return bytes.length;
}

/** Offset past the next `byte` from `at`, or the end. */
function skipPast(bytes: Uint8Array, at: number, byte: number): number {
  const found = bytes.indexOf(byte, at + 1);
  return found === -1 ? bytes.length : found + 1;
}

/**
 * Offset past the "EI" that ends the inline image whose "BI" ends at `at`: the image's dictionary runs to the "ID"
 * keyword, one whitespace byte follows, then binary data until "EI" standing alone (whitespace before it, whitespace,
 * a delimiter or the end after it).
 */
function skipInlineImage(bytes: Uint8Array, at: number): number {
  const length = bytes.length;
  // The dictionary: its keys and values are names, numbers, arrays and strings, tokenized as usual until "ID".
  while (at < length) {
    const byte = bytes[at]!;
    if (isSpace(byte)) at++;
    else if (byte === LEFT_PAREN) at = skipLiteralString(bytes, at);
    else if (byte === LESS) at = skipPast(bytes, at, GREATER);
    else if (!isRegular(byte)) {
      at++;
      while (byte === SLASH && at < length && isRegular(bytes[at]!)) at++;
    } else {
      const start = at;
      while (at < length && isRegular(bytes[at]!)) at++;
      if (latin1(bytes, start, at) === 'ID') break;
    }
  }
  at++; // the single whitespace byte after ID
  for (; at + 1 < length; at++) {
    if (bytes[at] === E && bytes[at + 1] === I && isSpace(bytes[at - 1]!) && (at + 2 === length || !isRegular(bytes[at + 2]!))) return at + 2;
  }
  return length;
}

function latin1(bytes: Uint8Array, start: number, end: number): string {
  let text = '';
  for (let i = start; i < end; i++) text += String.fromCharCode(bytes[i]!);
  return text;
}
