import type { Root } from 'mdast';
import type { Plugin } from 'unified';
import type { Node, Parent, Position } from 'unist';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import type { RuleId } from '../core/rules.js';
import { fail } from '../core/messages.js';

/** Deepest nesting of quotes, lists, emphasis and components accepted: far above any real text, far below what overflows the stack. */
const MAX_DEPTH = 64;

declare module 'mdast' {
  interface RootData {
    /** Where the body nests deeper than MAX_DEPTH (set right after parsing, reported by remarkForbidCode). */
    tooDeep?: Position | undefined;
  }
}

const MESSAGES = {
  mdxjsEsm: ['mdx-esm', '`import` and `export` are not allowed: content is data, never code. Remove this line; use the components (<Indicator />, <Quote />…) to cite data.'],
  mdxFlowExpression: ['mdx-expression', 'Expressions in braces `{…}` are not allowed: content is never evaluated. Remove the braces, or write the text out (a literal brace: `\\{`).'],
  mdxTextExpression: ['mdx-expression', 'Expressions in braces `{…}` are not allowed: content is never evaluated. Remove the braces, or write the text out (a literal brace: `\\{`).'],
} as const satisfies Record<string, readonly [RuleId, string]>;

/**
 * Reports every piece of MDX that would be code: import/export, {expressions}, attribute expressions and spreads.
 * Also reports nesting deeper than 64 levels, cut right after parsing: the recursive stages that follow (GFM's
 * autolinks already while parsing, then every tree walk) would otherwise overflow the stack.
 */
export const remarkForbidCode: Plugin<[], Root> = function () {
  const data = this.data();
  // First of the parser's transforms, before GFM's.
  (data.fromMarkdownExtensions ??= []).unshift({ transforms: [cutDeepNesting] });
  return (tree, file) => {
    if (tree.data?.tooDeep) {
      fail(file, `Nesting deeper than ${MAX_DEPTH} levels (quotes, lists, emphasis or components inside one another): no text needs that many. Simplify this structure.`, 'mdx-too-deep', tree.data.tooDeep);
    }
    forbidCode(tree, file);
  };
};

/** Empties every node nested deeper than MAX_DEPTH and records where the first one was; walks without recursion. */
function cutDeepNesting(tree: Root): undefined {
  const stack: Array<[Node, number]> = [[tree, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (!('children' in node)) continue;
    const children = (node as Parent).children;
    if (depth >= MAX_DEPTH && children.length > 0) {
      const first = children[0]!.position ?? node.position;
      if (!tree.data?.tooDeep || (first && first.start.offset! < tree.data.tooDeep.start.offset!)) tree.data = { ...tree.data, tooDeep: first };
      (node as Parent).children = [];
      continue;
    }
    for (const child of children) stack.push([child, depth + 1]);
  }
  return undefined;
}

function forbidCode(tree: Root, file: VFile): void {
  visit(tree, (node) => {
    if (node.type in MESSAGES) {
      const [ruleId, reason] = MESSAGES[node.type as keyof typeof MESSAGES];
      fail(file, reason, ruleId, node.position);
      return 'skip';
    }
    if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
      for (const attribute of node.attributes) {
        const place = attribute.position ?? node.position;
        if (attribute.type === 'mdxJsxExpressionAttribute') {
          fail(file, `Spread attributes \`{…}\` are not allowed on <${node.name ?? ''}>: write each attribute as name="value".`, 'jsx-attribute-expression', place);
        } else if (attribute.value !== null && typeof attribute.value === 'object') {
          fail(file, `The attribute "${attribute.name}" has an expression \`{…}\`: content is never evaluated. Write it as ${attribute.name}="value".`, 'jsx-attribute-expression', place);
        }
      }
    }
    return undefined;
  });
}
