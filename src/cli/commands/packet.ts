import { LANGS } from '../../locale/lang.js';
import { openStaging } from '../../output/staging.js';
import { printPages } from '../../pdf/print-pages.js';
import { renderPacket } from '../../approval/render-packet.js';
import { sharedAssets } from '../../render/assets.js';
import { hasErrors, renderProject } from '../../render/render-project.js';
import { currentInstant, dayInParis } from '../../locale/format-date.js';
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

    const sources = rendered.documents.map((d) => ({ title: d.page.title, lang: d.lang, html: d.page.html }));
    // A packet says the day it was made: today in Paris, or SOURCE_DATE_EPOCH's day.
    const made = currentInstant();
    const date = dayInParis(made);
    const packets = cabinets.map((cabinet) => ({ cabinet, ...renderPacket(project, rendered.templates!, cabinet, rendered.statuses, sources, { date }) }));
    const assets = await sharedAssets(rendered.templates);
    const staging = await openStaging(String(values['out']));
    try {
      for (const [path, asset] of assets) await staging.write(path, asset.body);
      for (const packet of packets) await staging.write(`approvals/${packet.cabinet}.html`, packet.html);
      if (values['no-pdf'] !== true) {
        const pages = packets.map((p) => ({
          path: `approvals/${p.cabinet}.html`,
          html: p.html,
          metadata: { title: p.title, author: 'communiqué', subject: 'Validation des citations', keywords: ['validation', ...LANGS], lang: 'fr', date: made },
        }));
        await printPages(pages, assets, (path, pdf) => staging.write(path, pdf));
      }
      if (!all) await staging.carryOver('approvals');
      const written = await staging.commit();
      io.out(`Wrote ${written.filter((p) => p.startsWith('approvals/')).join(', ')}.\n`);
      return EXIT.ok;
    } catch (error) {
      await staging.discard();
      throw error;
    }
  },
};
