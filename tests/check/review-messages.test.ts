import { cp, readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/pipeline/build.js';
import { recordTranslation } from '../../src/pipeline/record-translation.js';
import { tempDir } from '../helpers/cli.js';

/**
 * The words of the messages about a review that is not the demo's (the 2024 social-housing report of
 * tests/fixtures/editorial/base-logement-social): they name what is at hand, and where to look.
 */

const BASE = fileURLToPath(new URL('../fixtures/editorial/base-logement-social/', import.meta.url));
const REVIEW = 'reviews/bilan-logement-social-2024';

/** Copies the base, replaces each `find` by `replace` in its file, records the translations, and gives the messages of `ruleId`. */
async function messages(ruleId: string, edits: ReadonlyArray<readonly [file: string, find: string, replace: string]>): Promise<string[]> {
  const root = await tempDir('communique-review-messages-');
  await cp(BASE, root, { recursive: true });
  for (const [file, find, replace] of edits) {
    const text = await readFile(join(root, file), 'utf8');
    expect(text.split(find)).toHaveLength(2);
    await writeFile(join(root, file), text.replace(find, replace));
  }
  await recordTranslation(join(root, REVIEW), 'en');
  const { files } = await check({ content: root });
  return files.flatMap((file) => file.messages.filter((m) => m.ruleId === ruleId).map((m) => `${relative(root, resolve(file.path))}:${m.line}:${m.column} ${m.reason}`)).sort();
}

describe('messages about a review of its own', () => {
  it('should suggest a chapter title made of the chapter at hand, never another document’s', async () => {
    const found = await messages('chapter-title', [[`${REVIEW}/fr/03-demande.mdx`, '# La demande et', '## La demande et']]);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(`${REVIEW}/fr/03-demande.mdx:1:1 This chapter does not open with its title: its first heading is of level 2 ("## La demande et les attributions"): make it the chapter's title, "# La demande et les attributions"`);
    expect(found[0]).not.toContain('foncier');
  });

  it('should say that the levels of a heading differ between the languages, and which they are', async () => {
    const found = await messages('structure-parity', [[`${REVIEW}/en/02-production.mdx`, '## Loans', '### Loans']]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(new RegExp(`^${REVIEW}/en/02-production\\.mdx:9:1 This heading is of level 3 \\(###\\) in the English text, but its French counterpart at .*${REVIEW}/fr/02-production\\.mdx:9:1 \\("Les prêts"\\) is of level 2 \\(##\\): the levels differ, ## in French and ### in English\\.`));
    expect(found[0]).not.toContain('no heading at this point');
  });

  it('should name the French paragraph without counterpart, at its line, and the English place where it is missing', async () => {
    const found = await messages('structure-parity', [[`${REVIEW}/en/01-introduction.mdx`, 'This report brings together the figures of social housing in 2024: production, demand, allocations and funding.\n\n', '']]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(new RegExp(`^${REVIEW}/fr/01-introduction\\.mdx:3:1 The French text has a paragraph \\("Ce bilan rassemble les chiffres de l’ann…"\\) here, but the English text has no counterpart for it: it belongs after .*${REVIEW}/en/01-introduction\\.mdx:1:1 \\("Social housing in 2024"\\)\\.`));
  });

  it('should warn at the organisation, in organisations.yaml, whose address the footer of the review would lack', async () => {
    const found = await messages('issuer-address', [['data/organisations.yaml', '  address: "Tour Séquoia, 1 place Carpeaux, 92800 Puteaux"\n', '']]);
    expect(found).toEqual([expect.stringMatching(/^data\/organisations\.yaml:3:1 The organisation "dhup" has no address, yet the running footer of "bilan-logement-social-2024" \(footer_contact: dhup_presse\)/)]);
  });
});
