import { writePackets } from '../../pipeline/packet.js';
import { hasErrors, renderProject } from '../../pipeline/render-project.js';
import { CONTENT_OPTION, EXIT, printMessages, UsageError, type Command } from '../command.js';
import { checkCabinet } from './approvals.js';
import { SUMMARIES } from '../summaries.js';

/** `communique packet`: the approval packet of a cabinet (or of all), as HTML and PDF in output/approvals/. */
export const packetCommand: Command = {
  name: 'packet',
  summary: SUMMARIES.packet,
  usage: 'communique packet <cabinet-id> | --all [--content DIR] [--out DIR] [--no-pdf]',
  options: { ...CONTENT_OPTION, all: { type: 'boolean', default: false }, out: { type: 'string', default: 'output' }, 'no-pdf': { type: 'boolean', default: false } },
  positionals: true,
  help: [
    '<cabinet-id>    the cabinet (its contact id in data/contacts.yaml)',
    '--all           a packet for every cabinet',
    '--out DIR       the output folder (default: output); packets go to DIR/approvals/<cabinet-id>.{html,pdf}',
    '--no-pdf        write the HTML only',
    '--content DIR   the content folder (default: content)',
  ],
  async run(values, positionals, io) {
    const all = values['all'] === true;
    if ((positionals.length !== 1 && !all) || (all && positionals.length > 0)) throw new UsageError('name one cabinet, or pass --all.');
    const content = String(values['content']);
    const rendered = await renderProject({ content });
    if (!rendered.project || !rendered.templates || hasErrors(rendered.files)) {
      printMessages(rendered.files, io, { quiet: true });
      io.err('communique packet: the content has errors; fix them first (`communique check`). Nothing was written.\n');
      return EXIT.content;
    }
    const project = rendered.project;
    const cabinets = all ? [...new Set([...project.people.values()].flatMap((p) => (p.cabinet ? [p.cabinet] : [])))] : [positionals[0]!];
    for (const cabinet of cabinets) checkCabinet(project, cabinet);

    const written = await writePackets(rendered, cabinets, { out: String(values['out']), pdf: values['no-pdf'] !== true, all });
    io.out(`Wrote ${written.filter((p) => p.startsWith('approvals/')).join(', ')}.\n`);
    return EXIT.ok;
  },
};
