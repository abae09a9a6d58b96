import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { JsonMessage } from '../../src/check/json-report.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The second editorial base: the Government's release of 13 November 2023, not the demo. */
const BASE = join(ROOT, 'tests/fixtures/editorial/base-183-territoires');
const RELEASE = 'releases/183-territoires-industrie';

const temporary: string[] = [];
afterAll(async () => {
  await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A copy of the second base with each [file, find, replace] applied (find must occur once). */
async function contentWith(...edits: Array<readonly [string, string, string]>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'communique-messages-'));
  temporary.push(dir);
  await cp(BASE, dir, { recursive: true });
  for (const [file, find, replace] of edits) {
    const path = join(dir, file);
    const text = await readFile(path, 'utf8');
    expect(text.split(find).length - 1, `${file}: ${find}`).toBe(1);
    await writeFile(path, text.replace(find, () => replace));
  }
  return dir;
}

/** Runs the compiled CLI as a user would (run `npx tsc` first). */
function communique(...args: string[]) {
  const result = spawnSync(process.execPath, [join(ROOT, 'bin/communique.js'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function messages(content: string): JsonMessage[] {
  return JSON.parse(communique('check', '--content', content, '--format', 'json').stdout) as JsonMessage[];
}

const INDICATOR = (id: string, value: number, asOf: string) =>
  `${id}:\n  value: ${value}\n  unit: count\n  label:\n    fr: "territoires"\n    en: "territories"\n  as_of: ${asOf}\n  source:\n    fr: "Source"\n    en: "Source"\n\n`;

describe('messages that lead to the fix (second base)', () => {
  it('should say that a key nested one level too deep is a key one level up, and where to un-indent it', async () => {
    const content = await contentWith(['data/people.yaml', '    en: "Minister for Ecological Transition and Territorial Cohesion"\n  cabinet: cabinet_bechu', '    en: "Minister for Ecological Transition and Territorial Cohesion"\n    cabinet: cabinet_bechu']);
    const [message, ...others] = messages(content);
    expect(others).toEqual([]);
    expect([message!.ruleId, message!.line, message!.column]).toEqual(['schema', 15, 5]);
    expect(message!.message).toContain('"cabinet" is a key of "christophe_bechu", one level up');
    expect(message!.message).toContain('Un-indent it to column 3, in line with "role"');
  });

  it('should name the column a misindented key is expected at', async () => {
    const content = await contentWith(['data/people.yaml', '    fr: "ministre délégué chargé de l’Industrie"\n    en:', '    fr: "ministre délégué chargé de l’Industrie"\n     en:']);
    const [message, ...others] = messages(content);
    expect(others).toEqual([]);
    expect([message!.ruleId, message!.line, message!.column]).toEqual(['yaml-syntax', 7, 6]);
    expect(message!.message).toContain('expected column 5, in line with "fr" (line 6)');
  });

  it('should say that a French number with a digit missing is too short', async () => {
    const content = await contentWith(['data/contacts.yaml', '"01 53 18 45 13"', '"01 53 18 45 1"']);
    const phone = messages(content).filter((m) => m.ruleId === 'contacts');
    expect(phone.map((m) => m.line)).toEqual([9]);
    expect(phone[0]!.message).toContain('"01 53 18 45 1" (too short)');
  });

  it('should print the summary line after the messages, on their stream, with warnings only', async () => {
    const content = await contentWith([`${RELEASE}/fr.mdx`, 'pour animer les partenaires locaux.', 'pour animer les partenaires locaux jusqu’en 2027.'], [`${RELEASE}/en.mdx`, 'to bring local partners together.', 'to bring local partners together until 2027.']);
    const { status, stdout, stderr } = communique('check', '--content', content);
    expect(status).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain('unbound-figure');
    expect(stderr.trimEnd().split('\n').at(-1)).toMatch(/^No errors \(\d+ warnings?\)\.$/);
  });

  it('should not advise a component for a figure that differs in a quote', async () => {
    const content = await contentWith(['data/quotes.yaml', 'Avec ces 183 territoires', 'Avec ces 138 territoires']);
    const parity = messages(content).filter((m) => m.ruleId === 'figure-parity');
    expect(parity.length).toBe(2);
    for (const m of parity) {
      expect(m.message).not.toContain('<Indicator');
      expect(m.message).toContain('type the figure identically in the French and English words of the quote');
      expect(m.message).toContain('have the cabinet approve');
    }
  });

  it('should suggest only an indicator the release may cite, not one published after it', async () => {
    const content = await contentWith(
      ['data/indicators.yaml', 'ti_laureats_2023:', `${INDICATOR('territoires_labellises', 183, '2025-03-20')}ti_laureats_2023:`],
      [`${RELEASE}/en.mdx`, 'The <Indicator id="ti_laureats_2023" /> winning territories cover', 'The 183 winning territories cover'],
    );
    const unbound = messages(content).filter((m) => m.ruleId === 'unbound-figure');
    expect(unbound.map((m) => [m.file.split('/').pop(), m.line])).toEqual([['en.mdx', 5]]);
    expect(unbound[0]!.message).toContain('write <Indicator id="ti_laureats_2023" /> instead');
    expect(unbound[0]!.message).not.toContain('territoires_labellises');
  });

  it('should suggest first the indicator the other language cites at that place', async () => {
    const content = await contentWith(
      ['data/indicators.yaml', 'ti_laureats_2023:', `${INDICATOR('ti_candidats_retenus', 183, '2023-11-09')}ti_laureats_2023:`],
      [`${RELEASE}/en.mdx`, 'The <Indicator id="ti_laureats_2023" /> winning territories cover', 'The 183 winning territories cover'],
    );
    const unbound = messages(content).filter((m) => m.ruleId === 'unbound-figure');
    expect(unbound.map((m) => [m.file.split('/').pop(), m.line])).toEqual([['en.mdx', 5]]);
    expect(unbound[0]!.message).toContain('write <Indicator id="ti_laureats_2023" /> instead');
  });

  it('should let a release cite an event that happened before it, whatever the date of its source', async () => {
    const event = 'ti_lancement_programme:\n  value: 2018\n  unit: year\n  kind: event\n  label: { fr: "lancement du programme", en: "launch of the programme" }\n  date: 2018\n  source: { fr: "ANCT – DGE, 20 mars 2025", en: "ANCT – DGE, 20 March 2025" }\n\n';
    const content = await contentWith(
      ['data/indicators.yaml', 'ti_laureats_2023:', `${event}ti_laureats_2023:`],
      [`${RELEASE}/fr.mdx`, 'du programme Territoires d’industrie,', 'du programme Territoires d’industrie, lancé en <Indicator id="ti_lancement_programme" />,'],
      [`${RELEASE}/en.mdx`, 'of the Territoires d’industrie programme,', 'of the Territoires d’industrie programme, launched in <Indicator id="ti_lancement_programme" />,'],
    );
    communique('translated', '183-territoires-industrie', 'en', '--content', content);
    expect(messages(content).filter((m) => m.severity !== 'info' && m.ruleId !== 'quote-not-approved')).toEqual([]);
  });
});
