import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundedDistance, closest } from '../../src/core/edit-distance.js';

/** The plain edit distance, to compare with. */
function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

describe('boundedDistance', () => {
  it('should agree with the edit distance up to the limit, and say "over" past it', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'é', ' '), maxLength: 14 }), fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'é', ' '), maxLength: 14 }), fc.integer({ min: 0, max: 6 }), (a, b, limit) => {
        const exact = levenshtein(a, b);
        expect(boundedDistance(a, b, limit)).toBe(exact <= limit ? exact : limit + 1);
      }),
      { numRuns: process.env['CI'] ? 1000 : 300 },
    );
  });

  it('should find the seed’s slip in the agency’s name within the allowed edits', () => {
    const official = "Agence nationale de la cohésion des territoires";
    const slip = "Agence nationale et de la cohésion des territoires";
    expect(boundedDistance(slip, official, Math.floor(official.length * 0.12))).toBe(3);
    expect(closest('cabinet_ferraci', ['cabinet_ferracci', 'anct_presse'])).toBe('cabinet_ferracci');
  });
});
