import type { CheckContext } from './context.js';
import { report } from './report.js';

/**
 * chapter-title (error): each chapter of a review opens with its title, one level-1 heading (`# Title`), which the
 * table of contents, the running header of its pages and the bookmarks show; its sections are level-2 headings.
 */
export function chapterTitle(context: CheckContext): void {
  for (const body of context.bodies) {
    if (body.document.kind !== 'review') continue;
    const prose = body.file.data.prose ?? [];
    const titles = prose.filter((block) => block.type === 'heading' && block.depth === 1);
    const first = Math.min(
      ...prose.map((block) => block.place?.start.offset ?? Infinity),
      ...(body.file.data.components ?? []).map((use) => use.place?.start.offset ?? Infinity),
    );
    const title = titles[0];
    if (!title || (title.place?.start.offset ?? Infinity) > first) {
      report(
        body.file,
        `This chapter does not open with its title: write a level-1 heading on its first line ("# ${body.lang === 'fr' ? 'Le foncier industriel' : 'Industrial land'}"). The table of contents, the running header of the chapter's pages and the bookmarks show it.`,
        'chapter-title',
        'error',
        prose[0]?.place ?? { line: 1, column: 1 },
      );
      continue;
    }
    for (const extra of titles.slice(1)) {
      report(body.file, 'A chapter has one title, its first line: make this heading a section of the chapter (## …), or move it to a chapter file of its own.', 'chapter-title', 'error', extra.place);
    }
  }
}
