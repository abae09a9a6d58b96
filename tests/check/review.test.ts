import { cp, readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/pipeline/build.js';
import { recordTranslation } from '../../src/pipeline/record-translation.js';
import { severityOf } from '../../src/core/messages.js';
import { tempDir } from '../helpers/cli.js';

/** `communique check` covers a review like a release: figures, structure, translation, links, chapter by chapter. */

const REVIEW = fileURLToPath(new URL('../fixtures/review/', import.meta.url));
const CHAPTERS = 'reviews/bilan';

/** Copies the review fixture, records its translations, applies `edit`, and gives the messages of the rules. */
async function messagesAfter(edit: (root: string) => Promise<void> = async () => undefined, options: { record?: 'before' | 'after' } = {}) {
  const root = await tempDir('communique-review-');
  await cp(REVIEW, root, { recursive: true });
  if (options.record !== 'after') for (const dir of ['releases/demo', CHAPTERS]) await recordTranslation(join(root, dir), 'en');
  await edit(root);
  if (options.record === 'after') for (const dir of ['releases/demo', CHAPTERS]) await recordTranslation(join(root, dir), 'en');
  const { files } = await check({ content: root });
  return files
    .flatMap((file) =>
      file.messages
        .filter((m) => m.ruleId !== 'quote-not-approved')
        .map((m) => ({ file: relative(root, resolve(file.path)), line: m.line, column: m.column, ruleId: m.ruleId, severity: severityOf(m), reason: m.reason })),
    )
    .sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
}

/** Replaces the one occurrence of `find` in a file of the content. */
async function replace(root: string, path: string, find: string, by: string): Promise<void> {
  const text = await readFile(join(root, path), 'utf8');
  expect(text.split(find)).toHaveLength(2);
  await writeFile(join(root, path), text.replace(find, by));
}

describe('communique check on a review', () => {
  it('should find nothing to report in the review fixture once its translations are recorded', async () => {
    expect(await messagesAfter()).toEqual([]);
  });

  it('should compare the figures of each chapter with its translation, naming the other file and place', async () => {
    const messages = await messagesAfter((root) => replace(root, `${CHAPTERS}/en/02-chiffres.mdx`, '<Indicator id="projets_en_cours_pct" /> under way', '37% under way'), { record: 'after' });
    const parity = messages.filter((m) => m.ruleId === 'figure-parity');
    expect(parity.map(({ file, line, severity }) => ({ file, line, severity }))).toEqual([
      { file: `${CHAPTERS}/en/02-chiffres.mdx`, line: 3, severity: 'error' },
      { file: `${CHAPTERS}/fr/02-chiffres.mdx`, line: 3, severity: 'error' },
    ]);
    expect(parity[0]!.reason).toMatch(/The English text gives 37% here, but the French text gives 36 % at .*reviews\/bilan\/fr\/02-chiffres\.mdx:3:\d+/);
  });

  it('should require the same charts and headings in each chapter and its translation', async () => {
    const messages = await messagesAfter((root) => replace(root, `${CHAPTERS}/en/02-chiffres.mdx`, '<Chart id="statut_projets" />\n', ''), { record: 'after' });
    expect(messages.filter((m) => m.ruleId === 'structure-parity').map(({ file, line, reason }) => ({ file, line, chart: reason.includes('<Chart id="statut_projets" />') }))).toEqual([
      { file: `${CHAPTERS}/fr/02-chiffres.mdx`, line: 5, chart: true },
    ]);
  });

  it('should report a chapter whose French text changed after its translation was recorded, and that chapter only', async () => {
    const messages = await messagesAfter((root) => replace(root, `${CHAPTERS}/fr/01-introduction.mdx`, 'actions, menées', 'actions concrètes, menées'));
    expect(messages.map(({ file, line, ruleId, severity }) => ({ file, line, ruleId, severity }))).toEqual([
      { file: `${CHAPTERS}/en/01-introduction.mdx`, line: 1, ruleId: 'stale-translation', severity: 'warning' },
    ]);
    expect(messages[0]!.reason).toMatch(/reviews\/bilan\/fr\/01-introduction\.mdx:3 \("Le programme compte plus de/);
    expect(messages[0]!.reason).toContain('`communique translated bilan en`');
  });

  it('should resolve an anchor to another chapter, and report one that no heading of the review has', async () => {
    const messages = await messagesAfter((root) => replace(root, `${CHAPTERS}/fr/02-chiffres.mdx`, '(#introduction)', '(#introductoin)'), { record: 'after' });
    expect(messages.map(({ file, line, ruleId }) => ({ file, line, ruleId }))).toEqual([{ file: `${CHAPTERS}/fr/02-chiffres.mdx`, line: 7, ruleId: 'links' }]);
    expect(messages[0]!.reason).toContain('did you mean "#introduction"?');
  });

  it('should accept a link from a release to the review’s page', async () => {
    const messages = await messagesAfter((root) => replace(root, 'releases/demo/fr.mdx', 'pour <Indicator id="rebond_eur" form="long" />.', 'pour <Indicator id="rebond_eur" form="long" /> ([bilan](../../bilans/bilan/fr.pdf)).'), { record: 'after' });
    expect(messages).toEqual([]);
  });

  it('should report a figure typed in a chapter that equals an indicator, at its line and column', async () => {
    const messages = await messagesAfter(async (root) => {
      await replace(root, `${CHAPTERS}/fr/01-introduction.mdx`, 'plus de <Indicator id="actions" /> actions', 'plus de 2 800 actions');
      await replace(root, `${CHAPTERS}/en/01-introduction.mdx`, 'more than <Indicator id="actions" /> actions', 'more than 2,800 actions');
    }, { record: 'after' });
    expect(messages.filter((m) => m.ruleId === 'unbound-figure').map(({ file, line, column }) => ({ file, line, column }))).toEqual([
      { file: `${CHAPTERS}/en/01-introduction.mdx`, line: 3, column: 32 },
      { file: `${CHAPTERS}/fr/01-introduction.mdx`, line: 3, column: 29 },
    ]);
  });

  it('should report an unknown chart at its place, naming the charts there are', async () => {
    const messages = await messagesAfter(async (root) => {
      for (const lang of ['fr', 'en']) await replace(root, `${CHAPTERS}/${lang}/02-chiffres.mdx`, '<Chart id="statut_projets" />', '<Chart id="statuts" />');
    }, { record: 'after' });
    const errors = messages.filter((m) => m.severity === 'error');
    expect(errors.map(({ file, line, column, ruleId }) => ({ file, line, column, ruleId }))).toEqual([
      { file: `${CHAPTERS}/en/02-chiffres.mdx`, line: 5, column: 1, ruleId: 'unknown-id' },
      { file: `${CHAPTERS}/fr/02-chiffres.mdx`, line: 5, column: 1, ruleId: 'unknown-id' },
    ]);
    expect(errors[0]!.reason).toContain('"statut_projets"');
  });

  it('should report a chapter that does not open with its title, or has two', async () => {
    const messages = await messagesAfter(async (root) => {
      await replace(root, `${CHAPTERS}/fr/02-chiffres.mdx`, '# Les chiffres\n', 'Les chiffres.\n');
      await replace(root, `${CHAPTERS}/en/01-introduction.mdx`, '## The context', '# The context');
    }, { record: 'after' });
    expect(messages.filter((m) => m.ruleId === 'chapter-title').map(({ file, line, column }) => ({ file, line, column }))).toEqual([
      { file: `${CHAPTERS}/en/01-introduction.mdx`, line: 5, column: 1 },
      { file: `${CHAPTERS}/fr/02-chiffres.mdx`, line: 1, column: 1 },
    ]);
  });

  it('should report a <ReviewLink /> written in a review', async () => {
    const messages = await messagesAfter((root) => replace(root, `${CHAPTERS}/fr/02-chiffres.mdx`, 'Voir [', '<ReviewLink />\n\nVoir ['), { record: 'after' });
    expect(messages.filter((m) => m.severity === 'error').map(({ file, ruleId }) => ({ file, ruleId }))).toContainEqual({ file: `${CHAPTERS}/fr/02-chiffres.mdx`, ruleId: 'component-placement' });
  });

  it('should compare the figures of a chart’s title and text alternative in both languages, at their place in charts.yaml', async () => {
    const messages = await messagesAfter(async (root) => {
      await replace(root, 'data/charts.yaml', 'fr: "Financements par instrument"', 'fr: "Financements par instrument en 2024"');
      await replace(root, 'data/charts.yaml', 'en: "Funding by instrument"', 'en: "Funding by instrument in 2025"');
      await replace(root, 'data/charts.yaml', 'fr: "Le nombre d’actions menées par les collectivités."', 'fr: "Les 2 800 actions menées par les collectivités."');
      await replace(root, 'data/charts.yaml', 'en: "The number of actions carried out by local authorities."', 'en: "The 2,800 actions carried out by local authorities."');
    });
    expect(messages.map(({ file, line, column, ruleId, severity }) => ({ file, line, column, ruleId, severity }))).toEqual([
      { file: 'data/charts.yaml', line: 17, column: 41, ruleId: 'figure-parity', severity: 'error' },
      { file: 'data/charts.yaml', line: 18, column: 35, ruleId: 'figure-parity', severity: 'error' },
      { file: 'data/charts.yaml', line: 33, column: 14, ruleId: 'unbound-figure', severity: 'warning' },
      { file: 'data/charts.yaml', line: 34, column: 14, ruleId: 'unbound-figure', severity: 'warning' },
    ]);
    expect(messages[1]!.reason).toMatch(/^The English title of the chart "financements" gives 2025 here, but the French title of the chart "financements" gives 2024 at .*data\/charts\.yaml:17:41/);
    expect(messages[2]!.reason).toContain('write {indicator:actions} instead');
  });

  it('should compare the figures of a review’s subtitle and of a glossary definition, and bind a typed period to its indicator', async () => {
    const messages = await messagesAfter(async (root) => {
      await replace(root, `${CHAPTERS}/review.yaml`, 'fr: "Un bilan d’essai"', 'fr: "Un bilan d’essai, 2023-2027"');
      await replace(root, `${CHAPTERS}/review.yaml`, 'en: "A test review"', 'en: "A test review, 2023-2028"');
      await replace(root, 'data/glossary.yaml', '    en: "National Agency for Territorial Cohesion"\n', '    en: "National Agency for Territorial Cohesion"\n  definition:\n    fr: "créée en 2020"\n    en: "set up in 2019"\n');
    });
    expect(messages.map(({ file, line, ruleId }) => ({ file, line, ruleId }))).toEqual([
      { file: 'data/glossary.yaml', line: 7, ruleId: 'figure-parity' },
      { file: 'data/glossary.yaml', line: 8, ruleId: 'figure-parity' },
      { file: `${CHAPTERS}/review.yaml`, line: 5, ruleId: 'unbound-figure' },
      { file: `${CHAPTERS}/review.yaml`, line: 5, ruleId: 'figure-parity' },
      { file: `${CHAPTERS}/review.yaml`, line: 6, ruleId: 'figure-parity' },
    ]);
    expect(messages[0]!.reason).toContain('The French glossary definition of "ANCT" gives 2020 here');
    expect(messages[2]!.reason).toContain('The figure "2023-2027" is typed in the subtitle and equals the indicator "temps_2"');
  });
});
