import type { Project } from '../load/project.js';
import { hashOf } from '../core/cache.js';
import { LANGS } from '../locale/lang.js';
import type { CheckContext } from './context.js';
import { report } from '../core/messages.js';
import { boundedDistance } from '../core/edit-distance.js';
import { blockRange } from './text-places.js';

/** A name of the registry (organisations, people and their roles), as prose must write it. */
interface OfficialName {
  readonly text: string;
  readonly key: string;
  readonly words: number;
  /** What it is, for messages. */
  readonly what: string;
  /** Whether near misses are looked for (not for short names, which are too easily close to other words). */
  readonly fuzzy: boolean;
}

interface Token {
  readonly start: number;
  readonly end: number;
  readonly key: string;
  /** Tokens of one run are separated by spaces only: a name never spans punctuation or a component. */
  readonly run: number;
}

/** A near miss found in a text: [from, to) and the name it is close to. */
interface NearMiss {
  readonly from: number;
  readonly to: number;
  readonly name: OfficialName;
  readonly distance: number;
}

const MIN_FUZZY_LENGTH = 12;
/** Character edits allowed per character of the name. */
const RATIO = 0.12;
const TOKEN = /(?<![\p{L}\p{N}])(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)['’](?=\p{L})|[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/giu;

/** official-names (warning): a name or role written in prose that is close to, but not, one of the registry is reported with the official form. */
export function officialNames(context: CheckContext): void {
  const names = registry(context.project);
  const namesKey = context.cache ? hashOf(...names.map((n) => `${n.text}\0${n.what}\0${n.fuzzy}`)) : '';
  const misses = (text: string) => (context.cache ? context.cache.get('near-misses', hashOf(namesKey, text), () => nearMisses(text, names)) : nearMisses(text, names));
  for (const body of context.bodies) {
    const source = context.source(body);
    for (const block of body.file.data.prose ?? []) {
      for (const miss of misses(block.text)) {
        report(body.file, message(block.text.slice(miss.from, miss.to), miss.name), 'official-names', 'warning', blockRange(block, source, miss.from, miss.to));
      }
    }
  }
  const texts: Array<{ file: string; path: Array<string | number>; text: string }> = [];
  for (const quote of context.project.quotes.values()) {
    for (const lang of LANGS) texts.push({ file: quote.definedAt.file, path: [quote.id, 'text', lang], text: quote.text[lang] });
  }
  for (const organisation of context.project.organisations.values()) {
    for (const lang of LANGS) {
      organisation.about?.text[lang].forEach((text, i) => texts.push({ file: organisation.definedAt.file, path: [organisation.id, 'about', 'text', lang, i], text }));
    }
  }
  for (const { file, path, text } of texts) {
    const data = context.data(file);
    if (!data) continue;
    for (const miss of misses(text)) {
      report(data.file, message(text.slice(miss.from, miss.to), miss.name), 'official-names', 'warning', data.places.inText(path, miss.from, miss.to));
    }
  }
}

function message(found: string, name: OfficialName): string {
  const written = found.replace(/\s+/g, ' ');
  return `"${written}" is close to, but not, ${name.what}: "${name.text}". Write the official form exactly, or correct the registry if the name has changed.`;
}

function registry(project: Project): OfficialName[] {
  const names = new Map<string, OfficialName>();
  const add = (text: string, what: string, fuzzy = true) => {
    const tokens = tokenize(text);
    const key = joined(tokens);
    if (!names.has(key)) names.set(key, { text, key, words: tokens.length, what, fuzzy: fuzzy && text.length >= MIN_FUZZY_LENGTH });
  };
  for (const o of project.organisations.values()) {
    for (const lang of LANGS) add(o.name[lang], `the name of the organisation "${o.id}" (data/organisations.yaml)`);
    add(o.short, `the short name of the organisation "${o.id}"`, false);
  }
  for (const p of project.people.values()) {
    add(p.name, `the name of "${p.id}" (data/people.yaml; <Person id="${p.id}" /> writes it)`);
    for (const lang of LANGS) add(p.role[lang], `the role of ${p.name} (data/people.yaml; <Person id="${p.id}" role /> writes it)`);
  }
  return [...names.values()];
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let run = 0;
  let previousEnd = -1;
  for (const match of text.matchAll(TOKEN)) {
    if (previousEnd !== -1 && !/^\s*$/u.test(text.slice(previousEnd, match.index))) run++;
    tokens.push({ start: match.index, end: match.index + match[0].length, key: match[0].replace(/’/g, "'"), run });
    previousEnd = match.index + match[0].length;
  }
  return tokens;
}

/** The words as compared: apostrophes alike, the first letter in either case (a role may open a sentence). */
function joined(tokens: readonly Token[]): string {
  const text = tokens.map((t) => t.key).join(' ');
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * Near misses of registry names in a text. Exact occurrences of any name are left alone, and a run is never reported
 * as a near miss of a name when it is better read as an exact name with words around it (the role "ministre de …"
 * after "la"); but an exact shorter name inside a run does not hide a longer name the run nearly writes.
 */
function nearMisses(text: string, names: readonly OfficialName[]): NearMiss[] {
  const tokens = tokenize(text);
  const window = (i: number, length: number) => {
    const slice = tokens.slice(i, i + length);
    return slice.length === length && slice.every((t) => t.run === slice[0]!.run) ? slice : undefined;
  };
  const exact: Array<{ i: number; length: number; keyLength: number }> = [];
  // Each word with its first letter lowered, as a name's key begins: only windows that start with a name's first word are joined.
  const starts = tokens.map((t) => t.key.charAt(0).toLowerCase() + t.key.slice(1));
  for (const name of names) {
    const firstWord = name.key.split(' ')[0];
    for (let i = 0; i < tokens.length; i++) {
      if (starts[i] !== firstWord) continue;
      const slice = window(i, name.words);
      if (slice && joined(slice) === name.key) exact.push({ i, length: name.words, keyLength: name.key.length });
    }
  }
  /** Whether the run [i, i + length), `edits` from a name, is better read as an exact name it overlaps. */
  const hidden = (i: number, length: number, keyLength: number, edits: number) =>
    exact.some((e) => {
      if (e.i + e.length <= i || e.i >= i + length) return false;
      const inside = e.i >= i && e.i + e.length <= i + length && e.length < length;
      return !inside || edits >= keyLength - e.keyLength;
    });
  const candidates: Array<NearMiss & { i: number; length: number }> = [];
  // The first letter of each word, without case nor accents: a window that keeps neither the first letter nor the
  // last one of a name is no near miss of it, and is passed over before any string is built.
  const initials = tokens.map((t) => fold(t.key.charAt(0)));
  // The length of the words before each token, so that a window's joined length is known before it is built.
  const before = [0];
  for (const token of tokens) before.push(before.at(-1)! + token.key.length);
  for (const name of names) {
    if (!name.fuzzy) continue;
    const limit = Math.max(1, Math.floor(name.key.length * RATIO));
    const folded = fold(name.key);
    const initial = folded.charAt(0);
    for (let length = Math.max(1, name.words - 1); length <= name.words + 1; length++) {
      for (let i = 0; i + length <= tokens.length; i++) {
        if (initials[i] !== initial && tokens[i + length - 1]!.key.at(-1) !== name.key.at(-1)) continue;
        if (Math.abs(before[i + length]! - before[i]! + length - 1 - name.key.length) > limit) continue; // too long or short to be near
        const slice = window(i, length);
        if (!slice) continue;
        const key = joined(slice);
        let edits: number;
        if (length === name.words && key !== name.key && key.length === name.key.length && fold(key) === folded) {
          // The name with other capitals or accents: a near miss however many letters differ.
          edits = boundedDistance(key, name.key, key.length);
        } else {
          // A near miss keeps the first or the last letter of the name: a cheap test before the edit distance.
          const first = slice[0]!.key.charAt(0).toLowerCase();
          const lastToken = slice[slice.length - 1]!.key;
          if (first !== name.key.charAt(0).toLowerCase() && lastToken.at(-1) !== name.key.at(-1)) continue;
          if (Math.abs(key.length - name.key.length) > limit) continue;
          edits = boundedDistance(key, name.key, limit);
          if (edits === 0 || edits > limit) continue;
        }
        if (hidden(i, length, key.length, edits)) continue;
        candidates.push({ i, length, from: slice[0]!.start, to: slice.at(-1)!.end, name, distance: edits });
      }
    }
  }
  candidates.sort((a, b) => a.distance - b.distance || b.length - a.length || a.i - b.i);
  const taken = new Array<boolean>(tokens.length).fill(false);
  const found: NearMiss[] = [];
  for (const c of candidates) {
    if (taken.slice(c.i, c.i + c.length).some(Boolean)) continue;
    taken.fill(true, c.i, c.i + c.length);
    found.push(c);
  }
  return found.sort((a, b) => a.from - b.from);
}

/** A text without case nor accents, to tell a name written with other capitals or accents. */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
