import type { CheckContext } from './context.js';
import { report } from '../core/messages.js';

/**
 * heading-level (error): headings go down one level at a time (`#` then `##`, never `#` then `###`). A skipped level
 * breaks the outline that screen readers and the PDF's bookmarks follow, and in a review it drops the section from the
 * table of contents, which lists the chapters (#) and their sections (##). A review's chapter starts at its title
 * (#; chapter-title reports a chapter without one); a release's or a sheet's text sits under the document's title.
 */
export function headingLevel(context: CheckContext): void {
  for (const body of context.bodies) {
    let previous = body.document.kind === 'review' ? 0 : 1;
    let line: number | undefined;
    for (const block of body.file.data.prose ?? []) {
      if (block.type !== 'heading' || block.depth === undefined) continue;
      if (block.depth > previous + 1 && previous > 0) {
        const above = line === undefined ? "the document's title" : `the level-${previous} heading of line ${line}`;
        const want = '#'.repeat(previous + 1);
        report(
          body.file,
          `This heading is of level ${block.depth} (${'#'.repeat(block.depth)}) under ${above}: level ${previous + 1} is skipped, so the heading breaks the outline${body.document.kind === 'review' ? ' and its section is left out of the table of contents (which lists # and ##)' : ''}. Write it ${want}, or put it under a ${want} heading.`,
          'heading-level',
          'error',
          block.place,
        );
      }
      previous = block.depth;
      line = block.place?.start.line;
    }
  }
}
