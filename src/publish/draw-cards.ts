import { formatDate } from '../locale/format-date.js';
import { findBrowser } from '../pdf/find-browser.js';
import type { AssetMap } from '../pdf/printer.js';
import type { Asset } from '../render/assets.js';
import type { Templates } from '../render/create-templates.js';
import { siteName, type SiteDocument } from './assemble-site.js';

/** The size of a social card (og:image), as the platforms that show one ask for it. */
export const CARD_SIZE = { width: 1200, height: 630 } as const;

/**
 * Draws the og:image card of each document page of the site: its bloc-marque, issuers, kind, date and title, as a
 * PNG made by the same Chromium that prints the PDFs (JavaScript off, nothing fetched). Sheets of a collection get
 * none: they share their collection's look. Keyed by the site path of the page ("documents/<name>.html").
 */
export async function drawCards(
  documents: readonly SiteDocument[],
  templates: Templates,
  assets: ReadonlyMap<string, Asset>,
  blocMarque: (doc: SiteDocument) => readonly string[],
): Promise<Map<string, Uint8Array>> {
  const pages = documents.filter((doc) => doc.document.kind !== 'collection');
  const cards = new Map<string, Uint8Array>();
  if (pages.length === 0) return cards;
  const served = new Map<string, { body: Uint8Array | string; type: string }>(assets);
  const sources = pages.map((doc) => {
    const path = `cards/${siteName(doc)}.html`;
    const strings = templates.strings[doc.lang];
    const html = templates.layout('card', {
      lang: doc.lang,
      title: doc.title,
      // Long titles get a smaller size, so that four lines hold them.
      titleSize: doc.title.length > 110 ? 40 : doc.title.length > 70 ? 48 : 56,
      blocMarque: blocMarque(doc),
      // An issuer the bloc-marque already names ("Gouvernement") is not repeated beside it.
      issuers: doc.issuers.filter((name) => fold(name) !== fold(blocMarque(doc).join(' '))),
      kind: doc.document.kind === 'review' ? strings['kind_review'] : strings['press_release'],
      dateText: formatDate(doc.document.settings.date, doc.lang),
    });
    served.set(path, { body: html, type: 'text/html; charset=utf-8' });
    return { doc, path };
  });
  const { startPrinter } = await import('../pdf/printer-thread.js');
  const printer = await startPrinter({ executablePath: findBrowser() });
  try {
    const map: AssetMap = served;
    await Promise.all(sources.map(async ({ doc, path }) => {
      cards.set(`documents/${siteName(doc)}.html`, await printer.screenshot(path, map, CARD_SIZE));
    }));
  } finally {
    await printer.close();
  }
  return cards;
}

/** Letters only, lower-cased, without accents: how "Gouvernement" and "GOUVERNEMENT" compare. */
function fold(text: string): string {
  return text.normalize('NFD').replace(/[^\p{L}]+/gu, '').toLowerCase();
}
