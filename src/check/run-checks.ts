import { ruleOf, type RuleDeclaration, type RuleId } from '../core/rules.js';
import { breakdown } from './breakdown.js';
import { chapterTitle } from './chapter-title.js';
import { contacts } from './contacts.js';
import { createCheckContext, type CheckContext, type CheckInput } from './context.js';
import { dateWeekday } from './date-weekday.js';
import { figureParity } from './figure-parity.js';
import { figureProvenance } from './figure-provenance.js';
import { headingLevel } from './heading-level.js';
import { issuerAddress } from './issuer-address.js';
import { links } from './links.js';
import { officialNames } from './official-names.js';
import { placeholder } from './placeholder.js';
import { quoteMarkup } from './quote-markup.js';
import { staleTranslation } from './stale-translation.js';
import { structureParity } from './structure-parity.js';
import { unboundFigure } from './unbound-figure.js';
import { unused } from './unused.js';

/** An editorial rule: its declaration (id, severity, description, README anchor) and the function that checks it. */
export interface CheckRule extends RuleDeclaration {
  readonly check: (context: CheckContext) => void;
}

/** Binds a check to the declaration of its rule id. */
function rule(id: RuleId, check: (context: CheckContext) => void): CheckRule {
  return { ...ruleOf(id), check };
}

/** The editorial rules, in the order their messages are added. */
export const CHECKS: readonly CheckRule[] = [
  rule('unbound-figure', unboundFigure),
  rule('figure-parity', figureParity),
  rule('date-weekday', dateWeekday),
  rule('structure-parity', structureParity),
  rule('stale-translation', staleTranslation),
  rule('breakdown', breakdown),
  rule('figure-provenance', figureProvenance),
  rule('contacts', contacts),
  rule('official-names', officialNames),
  rule('quote-markup', quoteMarkup),
  rule('links', links),
  rule('unused', unused),
  rule('chapter-title', chapterTitle),
  rule('placeholder', placeholder),
  rule('heading-level', headingLevel),
  rule('issuer-address', issuerAddress),
];

/** Runs every editorial rule over a loaded project and its processed bodies; problems become messages on the files. */
export function runChecks(input: CheckInput): void {
  const context = createCheckContext(input);
  for (const rule of CHECKS) rule.check(context);
}
