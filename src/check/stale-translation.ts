import type { Document, Part } from '../load/project.js';
import type { TranslationRecordData } from '../load/schema.js';
import type { CheckContext } from './context.js';
import { report } from '../core/messages.js';
import { changedParagraphs, renderedParagraphs, translationRecord } from './translation-record.js';

const EXCERPT = 50;

/**
 * stale-translation (warning): the English text records the French version it translates (a review, for each
 * chapter), paragraph by paragraph as the reader reads it; a French text changed since is reported with its changed
 * paragraphs (citing a figure with <Indicator /> where it was typed changes nothing the reader reads).
 */
export function staleTranslation(context: CheckContext): void {
  for (const document of context.project.documents) {
    for (const part of document.parts) {
      const fr = part.bodies.fr;
      const en = context.body(part, 'en');
      const blocks = context.body(part, 'fr')?.file.data.translationBlocks;
      if (!fr || !en || !blocks) continue;
      const paragraphs = renderedParagraphs(blocks);
      const command = `\`communique translated ${document.slug} en\``;
      const recorded = recordOf(document, part);
      if (!recorded) {
        const field = document.kind === 'review' ? `"translation.en.${part.name}"` : '"translation.en"';
        report(
          en.file,
          `No record of the French version this English text translates: ${document.kind}.yaml has no ${field}. Once the English text says what ${fr.path} says, run ${command} to record it; the check then tells you when the French text changes.`,
          'stale-translation',
          'warning',
          { line: 1, column: 1 },
        );
        continue;
      }
      if (recorded.source === translationRecord(paragraphs).source) continue;
      const { changed, removed } = changedParagraphs(recorded.paragraphs, paragraphs);
      const list = changed.map((p) => `${fr.path}:${p.line} ("${p.text.length > EXCERPT ? `${p.text.slice(0, EXCERPT)}…` : p.text}")`);
      const parts = [
        ...(list.length > 0 ? [`new or changed: ${list.join('; ')}`] : []),
        ...(removed > 0 ? [`${removed} paragraph${removed > 1 ? 's' : ''} removed`] : []),
      ];
      report(
        en.file,
        `The French text changed after this translation was recorded (${parts.join('; ') || 'paragraphs moved'}). Bring the English text up to date, then run ${command}.`,
        'stale-translation',
        'warning',
        { line: 1, column: 1 },
      );
    }
  }
}

/** What the document's settings record of the English translation of a part. */
function recordOf(document: Document, part: Part): TranslationRecordData | undefined {
  return document.kind === 'review' ? document.settings.translation?.en[part.name] : document.settings.translation?.en;
}
