import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/load/load-project.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const MINIMAL = join(FIXTURES, 'minimal');
const CASES = join(FIXTURES, 'load');

/** What a case folder's expected.json says: where the one error is, its rule, and words its reason must contain. */
interface Expected {
  readonly file: string;
  readonly line: number | null;
  readonly column: number | null;
  readonly ruleId: string;
  readonly mentions: readonly string[];
}

/** Every message of a loaded content folder, its file relative to that folder. */
async function messagesOf(dir: string) {
  const { project, files } = await loadProject(dir);
  const messages = files.flatMap((file) =>
    file.messages.map((m) => ({
      file: relative(dir, resolve(file.path)),
      line: m.line ?? null,
      column: m.column ?? null,
      ruleId: m.ruleId ?? null,
      fatal: m.fatal,
      reason: m.reason,
    })),
  );
  return { project, messages };
}

const cases = readdirSync(CASES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => {
    const expected = JSON.parse(readFileSync(join(CASES, d.name, 'expected.json'), 'utf8')) as Expected;
    const where = expected.line === null ? expected.file : `${expected.file}:${expected.line}:${expected.column}`;
    return { name: d.name, dir: join(CASES, d.name), expected, where };
  })
  .sort((a, b) => a.name.localeCompare(b.name));

describe('loadProject', () => {
  it('should load the minimal fixture with no message', async () => {
    const { project, messages } = await messagesOf(MINIMAL);
    expect(messages).toEqual([]);
    expect([...project!.indicators.keys()]).toEqual(['actions', 'rebond_eur', 'projets_realises_pct', 'temps_2']);
    expect(project!.releases.map((r) => [r.slug, Object.keys(r.bodies).sort()])).toEqual([['demo', ['en', 'fr']]]);
  });

  it('should find at least 14 broken content folders', () => {
    expect(cases.length).toBeGreaterThanOrEqual(14);
  });

  describe.each(cases)('$name', ({ dir, expected, where }) => {
    it(`should report "${expected.ruleId}" at ${where}`, async () => {
      const { messages } = await messagesOf(dir);
      const fatal = messages.filter((m) => m.fatal === true);
      expect(fatal.map(({ file, line, column, ruleId }) => ({ file, line, column, ruleId }))).toContainEqual({
        file: expected.file,
        line: expected.line,
        column: expected.column,
        ruleId: expected.ruleId,
      });
    });

    it(`should say in the "${expected.ruleId}" message what is wrong (${expected.mentions.join(', ')})`, async () => {
      const { messages } = await messagesOf(dir);
      const reasons = messages.filter((m) => m.fatal === true && m.ruleId === expected.ruleId && m.file === expected.file).map((m) => m.reason);
      const named = reasons.some((reason) => expected.mentions.every((word) => reason.includes(word)));
      expect(named, `no "${expected.ruleId}" message names ${expected.mentions.join(', ')}:\n${reasons.join('\n')}`).toBe(true);
    });
  });

  it('should not report ids defined in a data file as unknown when another entry of that file is invalid', async () => {
    // contact-invalid-email breaks one e-mail address; "anct_presse" and "cabinet_ferracci" are still defined.
    const { messages } = await messagesOf(join(CASES, 'contact-invalid-email'));
    expect(messages.filter((m) => m.ruleId === 'unknown-id').map((m) => `${m.file}:${m.line}:${m.column} ${m.reason}`)).toEqual([]);
  });

  it('should not say a value is missing when it is present with the wrong type', async () => {
    const { messages } = await messagesOf(join(CASES, 'indicator-label-not-mapping'));
    const schema = messages.filter((m) => m.ruleId === 'schema');
    expect(schema.length).toBeGreaterThan(0);
    for (const m of schema) expect(m.reason).not.toMatch(/^Missing/);
  });

  it('should never write "undefined" in a message', async () => {
    const reasons = [];
    for (const { dir } of cases) reasons.push(...(await messagesOf(dir)).messages.map((m) => m.reason));
    expect(reasons.filter((reason) => reason.includes('undefined'))).toEqual([]);
  });
});
