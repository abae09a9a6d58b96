import { describe, expect, it } from 'vitest';
import { CASES, describeEditorialCases, expectedOf, RULE_IDS } from '../helpers/editorial-cases.js';

/** The editorial cases on the demo's release; those on content written for something else are in editorial-other-bases.test.ts. */
describeEditorialCases((base) => base === 'base');

describe('editorial cases', () => {
  it('should have at least 30 cases covering every rule', async () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
    const covered = new Set<string>();
    for (const name of CASES) for (const e of await expectedOf(name)) covered.add(e.ruleId);
    expect([...RULE_IDS].filter((id) => !covered.has(id))).toEqual([]);
  });
});
