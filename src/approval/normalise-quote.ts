import { createHash } from 'node:crypto';

/**
 * The form of a quote's words that an approval is bound to: Unicode NFC, every kind of space folded and collapsed,
 * typographic apostrophes, quotation marks and ellipses folded to plain ones, and no space before ; : ! ? or inside
 * quotation marks — so that typography (ours or an editor's) never invalidates an approval, while any change of a
 * letter, digit or punctuation mark does.
 */
export function normaliseQuote(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\u00AB[\s\u00A0\u202F]*/g, '\u00AB')
    .replace(/[\s\u00A0\u202F]*\u00BB/g, '\u00BB')
    .replace(/[\u2018\u2019\u02BC\u2032]/g, "'")
    .replace(/[\u00AB\u00BB\u201C\u201D\u201E]/g, '"')
    .replace(/\u2026/g, '...')
    .replace(/[\s\u00A0\u2000-\u200B\u202F\u205F\u3000]+/g, ' ')
    .replace(/ (?=[;:!?])/g, '')
    .trim();
}

/** The sha256 (hex) of a quote's normalised words. */
export function quoteHash(text: string): string {
  return createHash('sha256').update(normaliseQuote(text), 'utf8').digest('hex');
}

/** The approval code a cabinet gives back: the first 8 hex digits of the hash, upper case. */
export function approvalCode(hash: string): string {
  return hash.slice(0, 8).toUpperCase();
}

/** The code that approves several languages at once: the code of the hashes joined in the order given. */
export function combinedCode(hashes: readonly string[]): string {
  return hashes.length === 1 ? approvalCode(hashes[0]!) : approvalCode(createHash('sha256').update(hashes.join('\n')).digest('hex'));
}
