import { renderPacket } from '../render/render-packet.js';
import { currentInstant, dayInParis } from '../locale/format-date.js';
import { LANGS } from '../locale/lang.js';
import { openStaging, type WrittenFiles } from '../output/staging.js';
import type { PdfMetadata } from '../pdf/finish-pdf.js';
import { printPages } from '../pdf/print-pages.js';
import { sharedAssets } from '../render/assets.js';
import type { RenderedProject } from './render-project.js';

/** Options of writePackets. */
export interface WritePacketsOptions {
  /** The output folder; packets go to <out>/approvals/<cabinet>.{html,pdf}. */
  readonly out: string;
  /** Whether to print PDFs (default true). */
  readonly pdf?: boolean;
  /** Whether these are every cabinet's packets: the other packets already in the output are then dropped (default false: kept). */
  readonly all?: boolean;
}

/**
 * Writes the approval packet of each cabinet, from a render of the content without errors, and swaps it into the
 * output folder; returns the paths written.
 */
export async function writePackets(rendered: RenderedProject, cabinets: readonly string[], options: WritePacketsOptions): Promise<WrittenFiles> {
  const project = rendered.project!;
  const templates = rendered.templates!;
  const sources = Array.from(rendered.documents, (d) => ({ title: d.page.title, lang: d.lang, html: d.page.html }));
  // A packet says the day it was made: today in Paris, or SOURCE_DATE_EPOCH's day.
  const made = currentInstant();
  const date = dayInParis(made);
  const packets = cabinets.map((cabinet) => ({ cabinet, ...renderPacket(project, templates, cabinet, rendered.statuses, sources, { date }) }));
  const assets = await sharedAssets(templates);
  const staging = await openStaging(options.out);
  try {
    for (const [path, asset] of assets) await staging.write(path, asset.body);
    for (const packet of packets) await staging.write(`approvals/${packet.cabinet}.html`, packet.html);
    if (options.pdf ?? true) {
      const pages = packets.map((p) => ({ path: `approvals/${p.cabinet}.html`, html: p.html, metadata: packetMetadata(p.title, made) }));
      await printPages(pages, assets, (path, pdf) => staging.write(path, pdf));
    }
    if (!options.all) await staging.carryOver('approvals');
    return await staging.commit();
  } catch (error) {
    await staging.discard();
    throw error;
  }
}

/** The metadata of a packet's PDF: it is in French, and dated the instant it was made. */
function packetMetadata(title: string, made: Date): PdfMetadata {
  return { title, author: 'communiqué', subject: 'Validation des citations', keywords: ['validation', ...LANGS], lang: 'fr', date: made };
}
