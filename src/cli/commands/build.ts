import { resolve } from 'node:path';
import { build, createBuilder, type BuildOptions, type BuiltProject } from '../../pipeline/build.js';
import { watchTree } from '../../dev/watch-tree.js';
import { CommuniqueError } from '../../core/errors.js';
import { DEFAULT_TEMPLATES } from '../../render/create-templates.js';
import { hasErrors } from '../../pipeline/render-project.js';
import { CONTENT_OPTION, EXIT, FINAL_OPTION, LANG_OPTION, infosLine, langsOf, printMessages, printOutside, progressLine, QUIET_OPTION, summarise, UsageError, type Command, type Io } from '../command.js';
import { parseNow } from '../../publish/embargo.js';
import { parseShard } from '../../core/shard.js';
import { SUMMARIES } from '../summaries.js';

/**
 * `communique build`: every release, review and collection sheet as HTML and PDF, swapped into the output folder only
 * when all succeeded. A collection's bad rows are left out: the other sheets are written, and the exit code is 1.
 */
export const buildCommand: Command = {
  name: 'build',
  summary: SUMMARIES.build,
  usage: 'communique build [<slug>…] [--content DIR] [--out DIR] [--lang fr|en] [--no-pdf] [--final] [--now DATETIME] [--watch] [--shard I/N] [--quiet]',
  options: { ...CONTENT_OPTION, ...LANG_OPTION, ...FINAL_OPTION, ...QUIET_OPTION, out: { type: 'string', default: 'output' }, 'no-pdf': { type: 'boolean', default: false }, now: { type: 'string' }, watch: { type: 'boolean', default: false }, shard: { type: 'string' } },
  positionals: true,
  help: [
    '<slug>…         build only these documents (releases, reviews, collections, by folder name); the rest of the output is kept, and',
    '                problems of the other documents are reported but never block these',
    '--content DIR   the content folder (default: content)',
    '--out DIR       the output folder (default: output); replaced only when the whole build succeeds',
    "--lang fr|en    build one language only (the other language's files already in the output are kept)",
    '--no-pdf        write the HTML only (no browser needed)',
    '--final         treat warnings as errors: write nothing while any warning stands (a quote awaiting approval, a stale translation…)',
    '--now DATETIME  the time embargoes are compared with: a release still under embargo shows its embargo line; 2025-03-20T10:00 (Paris) or with an offset (default: now)',
    '--watch         build again on every change of the content or the templates, redoing only what changed (Ctrl+C to stop)',
    '--shard I/N     build the I-th of N shards (1 ≤ I ≤ N): every release, review and sheet goes to one shard by a hash of its',
    '                name; `publish --from DIR…` merges the N output folders into one site (see README, "Sharing a build")',
    '--quiet, -q     print errors only',
  ],
  async run(values, positionals, io) {
    const quiet = values['quiet'] === true;
    const final = values['final'] === true;
    const content = String(values['content']);
    const onProgress = progressLine(io, quiet);
    const now = values['now'] === undefined ? undefined : parseNow(String(values['now']));
    if (values['now'] !== undefined && !now) throw new UsageError(`--now must be a date and time such as 2025-03-20T10:00 (Paris time) or 2025-03-20T09:00:00Z, not "${String(values['now'])}".`);
    const shardText = values['shard'] === undefined ? undefined : String(values['shard']);
    const shard = shardText === undefined ? undefined : parseShard(shardText);
    if (shardText !== undefined) {
      if (!shard) throw new UsageError(`--shard must be I/N with whole numbers 1 ≤ I ≤ N, such as 2/3 (the second of three shards), not "${shardText}".`);
      const other = values['watch'] === true ? '--watch' : values['lang'] !== undefined ? '--lang' : values['no-pdf'] === true ? '--no-pdf' : positionals.length > 0 ? 'document slugs' : undefined;
      if (other) throw new UsageError(`--shard builds its whole share of every document, with its PDFs, to be merged by \`publish --from\`: it cannot be combined with ${other}.`);
    }
    const options: BuildOptions = {
      content,
      out: String(values['out']),
      langs: langsOf(values),
      final,
      pdf: values['no-pdf'] !== true,
      ...(positionals.length > 0 ? { documents: positionals } : {}),
      ...(now ? { now } : {}),
      ...(shard ? { shard } : {}),
      ...(onProgress ? { onProgress } : {}),
    };
    if (values['watch'] === true) return watchBuilds(options, io, quiet);
    return report(await build(options), options, io, quiet);
  },
};

/** Prints what a build found and (unless `announce` is false) what it wrote; returns the exit code. */
function report(result: BuiltProject, options: BuildOptions, io: Io, quiet: boolean, announce = true): number {
  // Rows left out are reported even with --quiet: their sheets are missing from the output.
  const skipped = (result.rendered.project?.collections ?? []).filter((c) => c.skipped > 0);
  printOutside(result.outside, io, { quiet });
  // Infos (unused entries…) are `check`'s to list: a build counts them in one line.
  printMessages(result.files, io, { quiet: quiet && skipped.length === 0, defaultName: options.content, infos: false });
  if (!quiet) io.err(infosLine(result.files, options.content));
  if (hasErrors(result.files)) {
    io.err(`communique build: ${summarise(result.files)}${options.final ? ' (--final: warnings count as errors)' : ''}; nothing was written; fix the errors above and run it again.\n`);
    return EXIT.content;
  }
  if (!quiet && announce) {
    const pdfs = result.written.filter((path) => path.endsWith('.pdf')).length;
    const printed = pdfs === 0 ? '' : result.printed === pdfs ? ` (${pdfs} PDFs printed)` : ` (${result.printed} of ${pdfs} PDFs printed, the others unchanged since the last build)`;
    const shard = options.shard ? `, shard ${options.shard.index}/${options.shard.count} (see ${options.out}/shard.json)` : '';
    io.out(`Built ${result.written.length} files into ${options.out}/${printed}${shard}.\n`);
  }
  if (skipped.length > 0) {
    const list = skipped.map((c) => `${c.skipped} of ${c.rows.length + c.skipped} rows of collections/${c.slug}`).join(', ');
    io.err(`communique build: ${list} left out (see the warnings above): the other sheets were written; fix the rows and run it again, or use --final to write nothing while a row is wrong.\n`);
    return EXIT.content;
  }
  return EXIT.ok;
}

/**
 * `build --watch`: one build, then another on every change, in the same session (see createBuilder): a one-word edit
 * re-renders its document only and prints its PDF only. A content error is reported and the output left as it was;
 * the next save tries again. Runs until SIGINT or SIGTERM.
 */
async function watchBuilds(options: BuildOptions, io: Io, quiet: boolean): Promise<number> {
  const builder = createBuilder(options);
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const once = async () => {
    const started = performance.now();
    try {
      const result = await builder.build();
      const code = report(result, options, io, quiet, false);
      const ms = Math.round(performance.now() - started);
      const what = code === EXIT.ok ? `built in ${ms} ms: ${result.written.length - result.reused} files written, ${result.reused} unchanged${result.printed ? `, ${result.printed} PDFs printed` : ''}` : 'not built (see above)';
      if (!quiet || code !== EXIT.ok) io.err(`${new Date().toLocaleTimeString('fr-FR')}  ${what}\n`);
    } catch (error) {
      if (!(error instanceof CommuniqueError)) throw error;
      io.err(`${new Date().toLocaleTimeString('fr-FR')}  not built: ${error.message}${error.hint ? ` ${error.hint}` : ''}\n`);
    }
  };
  await once();
  const watcher = await watchTree([resolve(options.content), DEFAULT_TEMPLATES], () => {
    clearTimeout(timer);
    timer = setTimeout(() => (running = running.then(once)), 25);
  });
  io.err(`Watching ${options.content}/ (Ctrl+C to stop).\n`);
  await new Promise<void>((done) => {
    process.once('SIGINT', () => done());
    process.once('SIGTERM', () => done());
  });
  watcher.close();
  clearTimeout(timer);
  await running;
  await builder.close();
  return EXIT.ok;
}
