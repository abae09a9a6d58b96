import { BARRIER, type ProseBlock } from '../mdx/remark-collect-prose.js';
import type { CheckContext } from './context.js';
import { report } from '../core/messages.js';

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
      report(body.file, `This chapter does not open with its title: ${suggestTitle(prose, body.part.name)} The table of contents, the running header of the chapter's pages and the bookmarks show it.`, 'chapter-title', 'error', prose[0]?.place ?? { line: 1, column: 1 });
      continue;
    }
    for (const extra of titles.slice(1)) {
      report(body.file, 'A chapter has one title, its first line: make this heading a section of the chapter (## …), or move it to a chapter file of its own.', 'chapter-title', 'error', extra.place);
    }
  }
}

/** What to write, from the chapter at hand: its first heading made level 1, else a title from its file name. */
function suggestTitle(prose: readonly ProseBlock[], name: string): string {
  const heading = prose.find((block) => block.type === 'heading');
  const words = (text: string) => text.replace(new RegExp(BARRIER, 'g'), '…').replace(/\s+/g, ' ').trim();
  if (heading && heading === prose[0] && heading.depth !== 1) {
    return `its first heading is of level ${heading.depth} ("${'#'.repeat(heading.depth ?? 2)} ${words(heading.text)}"): make it the chapter's title, "# ${words(heading.text)}", and its sections ##.`;
  }
  const fromName = name.replace(/^\d+[-_]?/, '').replace(/[-_]+/g, ' ').trim();
  const suggestion = fromName ? fromName.charAt(0).toLocaleUpperCase() + fromName.slice(1) : 'Title of the chapter';
  return `write a level-1 heading on its first line, "# ${suggestion}" for instance (from the file name "${name}.mdx"; give it the chapter's real title).`;
}
