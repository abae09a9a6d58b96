import type { Component } from '../component.js';
import { chart } from './chart.js';
import { field } from './field.js';
import { indicator } from './indicator.js';
import { keyFigures } from './key-figures.js';
import { lead } from './lead.js';
import { person } from './person.js';
import { quote } from './quote.js';
import { reviewLink } from './review-link.js';

/** Every component authors may use, by name. */
export const COMPONENTS: ReadonlyMap<string, Component> = new Map(
  [indicator, keyFigures, lead, person, quote, reviewLink, chart, field].map((c) => [c.name, c]),
);
