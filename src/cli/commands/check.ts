import { check } from '../../pipeline/build.js';
import { jsonReport } from '../../check/json-report.js';
import { hasErrors } from '../../pipeline/render-project.js';
import { CONTENT_OPTION, EXIT, FINAL_OPTION, LANG_OPTION, langsOf, printMessages, printOutside, QUIET_OPTION, summarise, UsageError, type Command } from '../command.js';
import { SUMMARIES } from '../summaries.js';

/** `communique check`: every problem of the content, with file:line:column; writes nothing. */
export const checkCommand: Command = {
  name: 'check',
  summary: SUMMARIES.check,
  usage: 'communique check [<slug>…] [--content DIR] [--lang fr|en] [--final] [--format human|json] [--quiet]',
  options: { ...CONTENT_OPTION, ...LANG_OPTION, ...FINAL_OPTION, ...QUIET_OPTION, format: { type: 'string', default: 'human' } },
  positionals: true,
  help: [
    '<slug>…         judge only these documents; problems of the others are reported but never fail the check',
    '--content DIR   the content folder (default: content)',
    '--lang fr|en    check one language only (the rules that compare both languages are skipped)',
    '--final         treat warnings as errors (exit 1 on any warning)',
    '--format json   print the messages as JSON on stdout, for tools and CI (default: human, on stderr)',
    '--quiet, -q     print errors only',
  ],
  async run(values, positionals, io) {
    const format = values['format'];
    if (format !== 'human' && format !== 'json') throw new UsageError(`--format must be human or json, not "${String(format)}".`);
    const final = values['final'] === true;
    const content = String(values['content']);
    const result = await check({ content, langs: langsOf(values), final, ...(positionals.length > 0 ? { documents: positionals } : {}) });
    const failed = hasErrors(result.files);
    if (format === 'json') {
      io.out(`${JSON.stringify(jsonReport(result.files, result.outside), null, 2)}\n`);
      return failed ? EXIT.content : EXIT.ok;
    }
    printOutside(result.outside, io, { quiet: values['quiet'] === true });
    printMessages(result.files, io, { quiet: values['quiet'] === true, defaultName: content });
    const summary = summarise(result.files);
    if (failed) {
      io.err(`communique check: ${summary}${final ? ' (--final: warnings count as errors)' : ''}; fix the errors above and run it again.\n`);
      return EXIT.content;
    }
    const scope = positionals.length > 0 ? ` in ${positionals.join(', ')}` : '';
    // After the messages and on their stream, so that the summary line comes last however the two are captured.
    if (values['quiet'] !== true) (summary === '' ? io.out : io.err)(summary === '' ? `No problems found${scope}.\n` : `No errors${scope} (${summary}).\n`);
    return EXIT.ok;
  },
};
