import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { recordTranslation, TRANSLATED_LANGS, type TranslatedLang } from '../../pipeline/record-translation.js';
import { hasErrors } from '../../pipeline/render-project.js';
import { CONTENT_OPTION, EXIT, printMessages, UsageError, type Command } from '../command.js';
import { SUMMARIES } from '../summaries.js';

/** `communique translated <document> en`: records the French version a translation now matches. */
export const translatedCommand: Command = {
  name: 'translated',
  summary: SUMMARIES.translated,
  usage: 'communique translated <document> en [--content DIR]',
  options: { ...CONTENT_OPTION },
  positionals: true,
  help: ['<document>      the folder name of a release in releases/, a review in reviews/ or a collection in collections/', 'en              the language of the translation', '--content DIR   the content folder (default: content)'],
  async run(values, positionals, io) {
    const content = String(values['content']);
    const [slug, lang, ...extra] = positionals;
    if (slug === undefined || lang === undefined || extra.length > 0) {
      throw new UsageError('expected a document and a language, e.g. `communique translated territoires-industrie-bilan en`.');
    }
    if (!TRANSLATED_LANGS.includes(lang as TranslatedLang)) {
      throw new UsageError(`"${lang}" is not a language documents are translated into: expected ${TRANSLATED_LANGS.join(', ')} (French is the original).`);
    }
    const folders = [['releases', 'release.yaml'], ['reviews', 'review.yaml'], ['collections', 'collection.yaml']] as const;
    const found = slug.includes('/') || slug.includes('\\') ? [] : folders.filter(([kind, file]) => existsSync(join(content, kind, slug, file)));
    if (found.length !== 1) {
      const known = folders.flatMap(([kind]) => (existsSync(join(content, kind)) ? readdirSync(join(content, kind), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => `${kind}/${d.name}`) : []));
      throw new UsageError(
        found.length > 1
          ? `"${slug}" names several documents in ${content} (${found.map(([kind]) => `${kind}/${slug}`).join(', ')}): rename all but one of the folders.`
          : `no release, review or collection "${slug}" in ${content}: expected one of ${known.length ? known.join(', ') : '(none)'}.`,
      );
    }
    const [kind, settings] = found[0]!;
    const dir = join(content, kind, slug);
    const result = await recordTranslation(dir, lang as TranslatedLang, { content });
    if (hasErrors(result.files)) {
      printMessages(result.files, io);
      return EXIT.content;
    }
    const what = kind !== 'reviews' ? `${join(dir, `${lang}.mdx`)} translates the current fr.mdx` : `the chapters of ${join(dir, lang)} translate the current French chapters`;
    io.out(`Recorded that ${what} (${result.paragraphs ?? 0} paragraphs) in ${join(dir, settings)}.\n`);
    return EXIT.ok;
  },
};
