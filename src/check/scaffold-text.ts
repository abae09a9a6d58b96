import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Position } from 'unist';
import { BARRIER } from '../mdx/remark-collect-prose.js';
import type { CheckContext } from './context.js';
import { report } from './report.js';

/** Letters and digits only, lower-cased: how a placeholder is recognised however it was re-wrapped or typeset. */
const fold = (text: string) => text.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** The scaffolds `communique new` copies (as DEFAULT_TEMPLATES/scaffold). */
const SCAFFOLD = fileURLToPath(new URL('../../templates/scaffold', import.meta.url));

let placeholders: ReadonlySet<string> | undefined;

/**
 * The placeholder texts of `communique new` (templates/scaffold/): the paragraphs of its texts (code spans, which
 * show examples of components, left out) and the quoted values of its settings, folded.
 */
export function scaffoldPlaceholders(dir = SCAFFOLD): ReadonlySet<string> {
  if (dir === SCAFFOLD && placeholders) return placeholders;
  const found = new Set<string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const text = readFileSync(join(entry.parentPath, entry.name), 'utf8');
    if (entry.name.endsWith('.mdx.hbs')) {
      for (const paragraph of text.split(/\n\s*\n/)) {
        const lines = paragraph.split('\n').filter((line) => !/^\s*(#|<)/.test(line));
        const words = fold(lines.join(' ').replace(/`[^`]*`/g, ''));
        if (words.length >= 12) found.add(words);
      }
    } else if (entry.name.endsWith('.yaml.hbs')) {
      for (const match of text.matchAll(/^\s*(?:fr|en):\s*(?:"([^"]+)"|\[([^\]]+)\])\s*$/gm)) found.add(fold(match[1] ?? match[2]!));
    }
  }
  if (dir === SCAFFOLD) placeholders = found;
  return found;
}

/**
 * scaffold-text (warning): a text or a setting still holding the placeholder that `communique new` wrote ("Le premier
 * chapitre. Citez les chiffres…", "Titre du bilan"): the document checks while it is being written, and `--final`
 * stops it from going out unedited.
 */
export function scaffoldText(context: CheckContext): void {
  const known = scaffoldPlaceholders();
  for (const body of context.bodies) {
    for (const block of body.file.data.prose ?? []) {
      if (block.type === 'heading' || !known.has(fold(block.text.replaceAll(BARRIER, '')))) continue;
      const excerpt = block.text.replaceAll(BARRIER, '…').replace(/\s+/g, ' ').trim();
      report(body.file, `This paragraph is still the placeholder that \`communique new\` wrote ("${excerpt.length > 50 ? `${excerpt.slice(0, 50)}…` : excerpt}"): write the text of the document here, or remove it.`, 'scaffold-text', 'warning', block.place);
    }
  }
  for (const document of context.project.documents) {
    const data = context.data(document.source.file);
    if (!data) continue;
    const settings = document.settings as unknown as Record<string, unknown>;
    for (const field of ['title', 'subtitle', 'description', 'keywords']) {
      const value = settings[field] as Record<string, string | string[]> | undefined;
      for (const lang of ['fr', 'en'] as const) {
        const text = value?.[lang];
        if (text === undefined || !known.has(fold(Array.isArray(text) ? text.join(', ') : text))) continue;
        const place: Position | undefined = data.places.value([field, lang]);
        report(data.file, `The "${field}" setting (${lang}) is still the placeholder that \`communique new\` wrote ("${Array.isArray(text) ? text.join(', ') : text}"): write the document's own ${field} here.`, 'scaffold-text', 'warning', place);
      }
    }
  }
}
