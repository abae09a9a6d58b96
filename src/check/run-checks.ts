import type { VFile } from 'vfile';
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

/** The editorial rules, in the order their messages are added. */
export const RULES: ReadonlyArray<(context: CheckContext) => void> = [
  unboundFigure,
  figureParity,
  dateWeekday,
  structureParity,
  staleTranslation,
  breakdown,
  figureProvenance,
  contacts,
  officialNames,
  quoteMarkup,
  links,
  unused,
  chapterTitle,
  placeholder,
  headingLevel,
  issuerAddress,
];

/** Runs every editorial rule over a loaded project and its processed bodies; problems become messages on the files. */
export function runChecks(input: CheckInput): void {
  const context = createCheckContext(input);
  for (const rule of RULES) rule(context);
}

/** Turns every warning into an error (`--final`). */
export function warningsAsErrors(files: readonly VFile[]): void {
  for (const file of files) {
    for (const message of file.messages) if (message.fatal === false) message.fatal = true;
  }
}
