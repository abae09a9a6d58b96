// The editorial cases: a base content folder, a patch that seeds a mistake, and the messages it must give.
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { check } from '../../src/pipeline/build.js';
import { recordTranslation } from '../../src/pipeline/record-translation.js';
import { severityOf } from '../../src/core/messages.js';
import { RULES } from '../../src/core/rules.js';

/** The rules of src/check/, from their declarations; messages of other rules count only when a case expects them. */
export const RULE_IDS = new Set<string>(RULES.filter((rule) => rule.stage === 'check').map((rule) => rule.id));

const FIXTURES = new URL('../fixtures/editorial/', import.meta.url).pathname;
/** The content folders a case can start from: the demo's release (`base`) and releases written for something else. */
export const BASES = readdirSync(FIXTURES).filter((name) => name === 'base' || name.startsWith('base-')).sort();

interface Edit {
  readonly file: string;
  /** Replace the one occurrence of `find` by `replace`… */
  readonly find?: string;
  readonly replace?: string;
  /** …or write the whole file… */
  readonly content?: string;
  /** …or remove it. */
  readonly delete?: boolean;
}

interface Patch {
  readonly description: string;
  /** The base content the edits apply to (default `base`, the demo's release). */
  readonly base?: string;
  readonly edits: readonly Edit[];
  /** Record the translations after the edits, as `communique translated` would (default true). */
  readonly recordTranslation?: boolean;
}

export interface Expected {
  readonly ruleId: string;
  readonly file: string;
  readonly line: number;
  readonly severity: string;
}

const temporary: string[] = [];
afterAll(async () => {
  await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Copies the base content, applies a case's edits, and checks it; gives every message with its file relative to the content. */
async function runCase(base: string, patch: Patch | undefined): Promise<Array<Expected & { message: string; column: number | undefined }>> {
  if (!BASES.includes(base)) throw new Error(`Unknown base "${base}"; the bases are ${BASES.join(', ')}.`);
  const root = await mkdtemp(join(tmpdir(), 'communique-editorial-'));
  temporary.push(root);
  await cp(join(FIXTURES, base), root, { recursive: true });
  for (const edit of patch?.edits ?? []) {
    const path = join(root, edit.file);
    if (edit.delete) {
      await rm(path);
    } else if (edit.content !== undefined) {
      await writeFile(path, edit.content);
    } else {
      const text = await readFile(path, 'utf8');
      const count = text.split(edit.find!).length - 1;
      if (count !== 1) throw new Error(`${edit.file}: "${edit.find}" occurs ${count} times; a patch must find exactly one.`);
      await writeFile(path, text.replace(edit.find!, () => edit.replace!));
    }
  }
  if (patch?.recordTranslation !== false) {
    for (const kind of ['releases', 'reviews']) {
      if (!existsSync(join(root, kind))) continue;
      for (const slug of await readdir(join(root, kind))) await recordTranslation(join(root, kind, slug), 'en');
    }
  }
  const { files } = await check({ content: root });
  return files.flatMap((file) =>
    file.messages.map((m) => ({
      ruleId: m.ruleId ?? '',
      file: relative(root, resolve(file.path)),
      line: m.line ?? 0,
      column: m.column ?? undefined,
      severity: severityOf(m),
      message: m.reason,
    })),
  );
}

const order = (a: Expected, b: Expected) => a.file.localeCompare(b.file) || a.line - b.line || a.ruleId.localeCompare(b.ruleId);

/** The cases of tests/fixtures/editorial/, each a base content folder and a patch that seeds a mistake. */
export const CASES = readdirSync(FIXTURES).filter((name) => !BASES.includes(name)).sort();

/** The base a case starts from. */
export function baseOf(name: string): string {
  return (JSON.parse(readFileSync(join(FIXTURES, name, 'patch.json'), 'utf8')) as Patch).base ?? 'base';
}

/** The messages a case expects, as its expected.json lists them. */
export async function expectedOf(name: string): Promise<Expected[]> {
  const path = join(FIXTURES, name, 'expected.json');
  return existsSync(path) ? (JSON.parse(await readFile(path, 'utf8')) as Expected[]) : [];
}

/**
 * The editorial tests of the bases chosen by `select`: each base must give no message, and each case of one of them
 * exactly the messages its expected.json lists (UPDATE=1 rewrites them). Split between test files so that they run
 * side by side.
 */
export function describeEditorialCases(select: (base: string) => boolean): void {
  describe('editorial checks', () => {
    it.each(BASES.filter(select))('should find nothing in the base content %s', async (base) => {
      expect(await runCase(base, undefined)).toEqual([]);
    });

    it.each(CASES.filter((name) => select(baseOf(name))))('should report the seeded mistake of %s', async (name) => {
      const patch = JSON.parse(await readFile(join(FIXTURES, name, 'patch.json'), 'utf8')) as Patch;
      const messages = await runCase(patch.base ?? 'base', patch);
      const expected = await expectedOf(name);
      const wanted = new Set([...RULE_IDS, ...expected.map((e) => e.ruleId)]);
      const actual = messages
        .filter((m) => wanted.has(m.ruleId))
        .map(({ ruleId, file, line, severity }) => ({ ruleId, file, line, severity }))
        .sort(order);
      if (process.env['UPDATE']) await writeFile(join(FIXTURES, name, 'expected.json'), `${JSON.stringify(actual, null, 2)}\n`);
      expect(actual, messages.map((m) => `${m.file}:${m.line}:${m.column ?? ''} ${m.severity} ${m.message} [${m.ruleId}]`).join('\n')).toEqual([...expected].sort(order));
      // Every message says where: a line in its file.
      for (const m of messages) expect(m.line, `${m.ruleId}: ${m.message}`).toBeGreaterThan(0);
    });
  });
}
