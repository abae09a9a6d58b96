import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { recordTranslation, TRANSLATED_LANGS, type TranslatedLang } from '../../check/record-translation.js';
import { hasErrors } from '../../render/render-project.js';
import { CONTENT_OPTION, EXIT, printMessages, UsageError, type Command } from '../command.js';

/** `communique translated <document> en`: records the French version a translation now matches. */
export const translatedCommand: Command = {
  name: 'translated',
  summary: 'Record that a translation was brought up to date with the current French text.',
  usage: 'communique translated <document> en [--content DIR]',
  options: { ...CONTENT_OPTION },
  positionals: true,
  help: ['<document>      the folder name of a release in releases/', 'en              the language of the translation', '--content DIR   the content folder (default: content)'],
  async run(values, positionals, io) {
    const content = String(values['content']);
    const [slug, lang, ...extra] = positionals;
    if (slug === undefined || lang === undefined || extra.length > 0) {
      throw new UsageError('expected a document and a language, e.g. `communique translated territoires-industrie-bilan en`.');
    }
    if (!TRANSLATED_LANGS.includes(lang as TranslatedLang)) {
      throw new UsageError(`"${lang}" is not a language documents are translated into: expected ${TRANSLATED_LANGS.join(', ')} (French is the original).`);
    }
    const releases = join(content, 'releases');
    const dir = join(releases, slug);
    if (slug.includes('/') || slug.includes('\\') || !existsSync(join(dir, 'release.yaml'))) {
      const known = existsSync(releases) ? readdirSync(releases, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name) : [];
      throw new UsageError(`no release "${slug}" in ${releases}: expected one of ${known.length ? known.join(', ') : '(none)'}.`);
    }
    const result = await recordTranslation(dir, lang as TranslatedLang);
    if (hasErrors(result.files)) {
      printMessages(result.files, io);
      return EXIT.content;
    }
    io.out(`Recorded that ${join(dir, `${lang}.mdx`)} translates the current fr.mdx (${result.paragraphs ?? 0} paragraphs) in ${join(dir, 'release.yaml')}.\n`);
    return EXIT.ok;
  },
};
