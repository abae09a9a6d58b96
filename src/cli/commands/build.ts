import { build } from '../../build.js';
import { hasErrors } from '../../render/render-project.js';
import { CONTENT_OPTION, EXIT, FINAL_OPTION, LANG_OPTION, langsOf, printMessages, progressLine, QUIET_OPTION, summarise, type Command } from '../command.js';

/**
 * `communique build`: every release, review and collection sheet as HTML and PDF, swapped into the output folder only
 * when all succeeded. A collection's bad rows are left out: the other sheets are written, and the exit code is 1.
 */
export const buildCommand: Command = {
  name: 'build',
  summary: 'Build every release, review and collection sheet as HTML and PDF into the output folder.',
  usage: 'communique build [--content DIR] [--out DIR] [--lang fr|en] [--no-pdf] [--final] [--quiet]',
  options: { ...CONTENT_OPTION, ...LANG_OPTION, ...FINAL_OPTION, ...QUIET_OPTION, out: { type: 'string', default: 'output' }, 'no-pdf': { type: 'boolean', default: false } },
  help: [
    '--content DIR   the content folder (default: content)',
    '--out DIR       the output folder (default: output); replaced only when the whole build succeeds',
    "--lang fr|en    build one language only (the other language's files already in the output are kept)",
    '--no-pdf        write the HTML only (no browser needed)',
    '--final         treat warnings as errors: write nothing while any warning stands (a quote awaiting approval, a stale translation…)',
    '--quiet, -q     print errors only',
  ],
  async run(values, _, io) {
    const quiet = values['quiet'] === true;
    const final = values['final'] === true;
    const content = String(values['content']);
    const onProgress = progressLine(io, quiet);
    const result = await build({
      content,
      out: String(values['out']),
      langs: langsOf(values),
      final,
      pdf: values['no-pdf'] !== true,
      ...(onProgress ? { onProgress } : {}),
    });
    // Rows left out are reported even with --quiet: their sheets are missing from the output.
    const skipped = (result.rendered.project?.collections ?? []).filter((c) => c.skipped > 0);
    printMessages(result.files, io, { quiet: quiet && skipped.length === 0, defaultName: content });
    if (hasErrors(result.files)) {
      io.err(`communique build: ${summarise(result.files)}${final ? ' (--final: warnings count as errors)' : ''}; nothing was written; fix the errors above and run it again.\n`);
      return EXIT.content;
    }
    if (!quiet) io.out(`Built ${result.written.length} files into ${String(values['out'])}/.\n`);
    if (skipped.length > 0) {
      const list = skipped.map((c) => `${c.skipped} of ${c.rows.length + c.skipped} rows of collections/${c.slug}`).join(', ');
      io.err(`communique build: ${list} left out (see the warnings above): the other sheets were written; fix the rows and run it again, or use --final to write nothing while a row is wrong.\n`);
      return EXIT.content;
    }
    return EXIT.ok;
  },
};
