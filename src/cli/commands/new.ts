import { loadProject } from '../../load/load-project.js';
import { scaffold } from '../../output/scaffold.js';
import { DEFAULT_TEMPLATES } from '../../render/create-templates.js';
import { CONTENT_OPTION, EXIT, UsageError, type Command } from '../command.js';
import { SUMMARIES } from '../summaries.js';

/** `communique new release <slug>`: a new document from the commented scaffold. */
export const newCommand: Command = {
  name: 'new',
  summary: SUMMARIES.new,
  usage: 'communique new release|review <slug> [--content DIR]',
  options: { ...CONTENT_OPTION },
  positionals: true,
  help: [
    'release <slug>  a press release: releases/<slug>/ with release.yaml, fr.mdx, en.mdx',
    'review <slug>   a full review: reviews/<slug>/ with review.yaml and a first chapter in fr/ and en/',
    '                (the slug: lowercase letters, digits and "-")',
    '--content DIR   the content folder (default: content)',
  ],
  async run(values, positionals, io) {
    const [kind, slug, ...extra] = positionals;
    if ((kind !== 'release' && kind !== 'review') || slug === undefined || extra.length > 0) {
      throw new UsageError('expected `communique new release <slug>` or `communique new review <slug>`.');
    }
    const content = String(values['content']);
    const { project } = await loadProject(content);
    const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    const written = await scaffold({ kind, slug, content, templates: DEFAULT_TEMPLATES, date, project });
    io.out(`Created ${written.join(', ')}.\nNext: write the texts, then \`communique check\` and \`communique dev\` to preview.\n`);
    return EXIT.ok;
  },
};
