import { describe, expect, it } from 'vitest';
import { wordDiff } from '../../src/approval/word-diff.js';

describe('wordDiff', () => {
  it('should mark one changed word as a deletion and an insertion, the rest unchanged', () => {
    const parts = wordDiff('soutenus à hauteur de 63 millions', 'soutenus à hauteur de 68 millions');
    expect(parts.filter((p) => p.kind === 'deleted').map((p) => p.text)).toEqual(['63']);
    expect(parts.filter((p) => p.kind === 'inserted').map((p) => p.text)).toEqual(['68']);
    expect(parts.filter((p) => p.kind !== 'inserted').map((p) => p.text).join('')).toBe('soutenus à hauteur de 63 millions');
    expect(parts.filter((p) => p.kind !== 'deleted').map((p) => p.text).join('')).toBe('soutenus à hauteur de 68 millions');
  });

  it('should ignore changes of line breaks and spacing', () => {
    expect(wordDiff('a  b\nc', 'a b c').every((p) => p.kind === 'same')).toBe(true);
  });
});
