import { parseNow } from '../../publish/embargo.js';
import { publish } from '../../publish/publish.js';
import { hasErrors } from '../../pipeline/render-project.js';
import { CONTENT_OPTION, EXIT, printMessages, printOutside, QUIET_OPTION, summarise, UsageError, type Command } from '../command.js';
import { SUMMARIES } from '../summaries.js';

/** The address used when none is given: reserved for examples, so that no link points at someone's site. */
const PLACEHOLDER_BASE = 'https://example.org/communique/';

/** `communique publish`: the final build as a static site for the web team. */
export const publishCommand: Command = {
  name: 'publish',
  summary: SUMMARIES.publish,
  usage: 'communique publish [<slug>…] [--out DIR] [--base-url URL] [--now DATETIME] [--include-embargoed] [--from DIR]… [--content DIR] [--quiet]',
  options: {
    ...CONTENT_OPTION,
    ...QUIET_OPTION,
    out: { type: 'string', default: 'output' },
    'base-url': { type: 'string' },
    now: { type: 'string' },
    'include-embargoed': { type: 'boolean', default: false },
    from: { type: 'string', multiple: true },
  },
  positionals: true,
  help: [
    '<slug>…               publish only these documents (by folder name): the others stay as they were, published ones served',
    '                      from the archive, and their problems are reported but never block these',
    '--out DIR             the output folder (default: output); the site goes to DIR/site/, swapped in only when complete',
    `--base-url URL        the site's public address, for canonical links, feeds and the sitemap (default: base_url of site.yaml, else ${PLACEHOLDER_BASE})`,
    '--now DATETIME        the time embargoes are compared with: 2025-03-20T10:00 (Paris) or with an offset (default: now)',
    '--include-embargoed   publish documents under embargo too, with their embargo line and noindex (not recorded as published)',
    '--from DIR            (once per shard) merge the output folders of `build --shard i/n`: their PDFs are used, none is printed;',
    '                      a folder holding the shards\' folders may be given instead',
    '--content DIR         the content folder (default: content)',
    '--quiet, -q           print errors only',
  ],
  async run(values, positionals, io) {
    const now = values['now'] === undefined ? new Date() : parseNow(String(values['now']));
    if (!now) throw new UsageError(`--now must be a date and time such as 2025-03-20T10:00 (Paris time) or 2025-03-20T09:00:00Z, not "${String(values['now'])}".`);
    let baseUrl = values['base-url'] === undefined ? undefined : String(values['base-url']);
    if (baseUrl !== undefined && !/^https?:\/\/[^/]+/.test(baseUrl)) throw new UsageError(`--base-url must be an http(s) address such as https://presse.example.gouv.fr/, not "${baseUrl}".`);
    if (baseUrl !== undefined && !baseUrl.endsWith('/')) baseUrl += '/';
    const quiet = values['quiet'] === true;
    const content = String(values['content']);
    const from = (values['from'] as unknown as string[] | undefined) ?? [];
    const result = await publish({ content, out: String(values['out']), ...(baseUrl ? { baseUrl } : {}), fallbackBaseUrl: PLACEHOLDER_BASE, now, includeEmbargoed: values['include-embargoed'] === true, ...(positionals.length > 0 ? { documents: positionals } : {}), ...(from.length > 0 ? { from } : {}) });
    printOutside(result.outside, io, { quiet });
    printMessages(result.files, io, { quiet, defaultName: content });
    if (hasErrors(result.files)) {
      io.err(`communique publish: ${summarise(result.files)} (the final build treats warnings as errors; a published document's words are frozen); the site and ${content}/published.yaml were left as they were.\n`);
      return EXIT.content;
    }
    if (!quiet) {
      if (result.baseUrl === PLACEHOLDER_BASE) io.err(`communique publish: no --base-url given and no base_url in site.yaml: canonical links, feeds and the sitemap use ${PLACEHOLDER_BASE}.\n`);
      if (result.defaultSettings) io.out(`No ${content}/site.yaml: the site is named "Communiqués de presse", and its footer links to mentions-legales, accessibilite and donnees-personnelles under its address, with "accessibilité : non conforme" (see README, "Site settings").\n`);
      for (const path of result.held) io.out(`Held back by its embargo: ${path}\n`);
      if (result.served.length > 0) io.out(`Served from the archive, as published: ${result.served.length} document file${result.served.length === 1 ? '' : 's'} (${content}/archive/).\n`);
      for (const entry of result.recorded) io.out(`Recorded in ${content}/published.yaml: ${entry.document} (${entry.lang}), version ${entry.version}${entry.correction ? `, correction of ${entry.correction}` : ''}.\n`);
      if (result.recorded.length > 0) io.out(`Commit ${content}/published.yaml and ${content}/archive/ with the content: they keep what was published.\n`);
      const pdfs = result.printed + result.reusedPdfs;
      if (pdfs > 0) io.out(`Printed ${result.printed} of ${pdfs} PDFs (the others from ${from.length > 0 ? 'the shards' : 'the PDF cache of the last build'} or the archive)${result.drawn > 0 ? `; drew ${result.drawn} og:image card${result.drawn === 1 ? '' : 's'}` : ''}.\n`);
      io.out(`Published ${result.written.filter((p) => p.startsWith('site/')).length} files into ${String(values['out'])}/site/.\n`);
    }
    return EXIT.ok;
  },
};
