import type { Root } from 'mdast';
import type { Plugin } from 'unified';
import { visit } from 'unist-util-visit';

const MESSAGES = {
  mdxjsEsm: ['mdx-esm', '`import` and `export` are not allowed: content is data, never code. Remove this line; use the components (<Indicator />, <Quote />…) to cite data.'],
  mdxFlowExpression: ['mdx-expression', 'Expressions in braces `{…}` are not allowed: content is never evaluated. Remove the braces, or write the text out (a literal brace: `\\{`).'],
  mdxTextExpression: ['mdx-expression', 'Expressions in braces `{…}` are not allowed: content is never evaluated. Remove the braces, or write the text out (a literal brace: `\\{`).'],
} as const;

/** Reports every piece of MDX that would be code: import/export, {expressions}, attribute expressions and spreads. */
export const remarkForbidCode: Plugin<[], Root> = () => (tree, file) => {
  visit(tree, (node) => {
    if (node.type in MESSAGES) {
      const [ruleId, reason] = MESSAGES[node.type as keyof typeof MESSAGES];
      file.message(reason, { place: node.position, ruleId, source: 'communique' }).fatal = true;
      return 'skip';
    }
    if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
      for (const attribute of node.attributes) {
        const place = attribute.position ?? node.position;
        if (attribute.type === 'mdxJsxExpressionAttribute') {
          file.message(`Spread attributes \`{…}\` are not allowed on <${node.name ?? ''}>: write each attribute as name="value".`, {
            place,
            ruleId: 'jsx-attribute-expression',
            source: 'communique',
          }).fatal = true;
        } else if (attribute.value !== null && typeof attribute.value === 'object') {
          file.message(`The attribute "${attribute.name}" has an expression \`{…}\`: content is never evaluated. Write it as ${attribute.name}="value".`, {
            place,
            ruleId: 'jsx-attribute-expression',
            source: 'communique',
          }).fatal = true;
        }
      }
    }
    return undefined;
  });
};
