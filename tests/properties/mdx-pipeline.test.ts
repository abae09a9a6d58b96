import { join } from 'node:path';
import fc from 'fast-check';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { visit } from 'unist-util-visit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from '../../src/render/create-templates.js';
import { loadProject } from '../../src/load/load-project.js';
import type { Project, Release } from '../../src/load/project.js';
import { LANGS } from '../../src/locale/lang.js';
import { createDocumentProcessor, type DocumentProcessor } from '../../src/mdx/create-document-processor.js';
import { urlScheme } from '../../src/mdx/remark-check-urls.js';
import { createTemplates } from '../../src/render/create-templates.js';
import { ROOT } from '../helpers/cli.js';
import { RUNS } from './runs.js';

let project: Project;
let release: Release;
let processor: DocumentProcessor;

beforeAll(async () => {
  const loaded = await loadProject(join(ROOT, 'tests', 'fixtures', 'minimal'));
  if (!loaded.project) throw new Error('the minimal fixture must load');
  project = loaded.project;
  release = project.releases.find((r) => r.slug === 'demo')!;
  processor = createDocumentProcessor(project, await createTemplates(DEFAULT_TEMPLATES));
});

const scheme = fc.oneof(
  fc.constantFrom('http', 'https', 'mailto', 'tel', 'javascript', 'JaVaScRiPt', 'data', 'vbscript', 'file', 'FILE', 'ftp', 'blob', 'about', 'chrome', 'ws', 'intent', 'xmpp'),
  fc.constantFrom('java\tscript', 'java&#9;script', '&#106;avascript', ' javascript', '\u0001javascript', 'javascript&#58;', 'jav&#x41;script'),
  fc.stringMatching(/^[a-z][a-z0-9+.-]{0,8}$/),
);
const rest = fc.constantFrom('//127.0.0.1:9/x', 'alert(1)', '///etc/passwd', 'text/html;base64,PHNjcmlwdD4=', 'x@y.fr', '+33123456789', '//example.org/a?b=c#d', '');
const url = fc.oneof(
  fc.tuple(scheme, fc.constantFrom(':', '&#58;', '&colon;', '%3A'), rest).map(([s, c, r]) => `${s}${c}${r}`),
  fc.constantFrom('#id', '../autre/fr.html', '//127.0.0.1:9/x', '\\\\host\\share', '/\\host/x', '  javascript:alert(1)', '<javascript:alert(1)>', 'fr.html'),
);
const fragment = fc.oneof(
  // the vocabulary, right and wrong
  fc.constantFrom(
    '<Indicator id="actions" />', '<Indicator id="rebond_eur" form="long" label />', '<Indicator id="nope" />', '<Quote id="ferracci_bilan" />',
    '<KeyFigures ids="actions rebond_eur" />', '<Person id="marc_ferracci" role />', '<Lead>', '</Lead>', '<ReviewLink />', '<Evil />',
    '<Indicator id={x} />', '<Quote {...props} />', '<Indicator id="actions" form="short">x</Indicator>', '<>', '</>', '<a.b />', '<svg:rect />',
  ),
  // HTML, as JSX and as text
  fc.constantFrom(
    '<script>', '</script>', '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '<img src="x" onerror="alert(1)" />', '<a href="javascript:alert(1)">x</a>',
    '<iframe src="file:///etc/passwd" />', '<style>', '@import url(http://127.0.0.1:9/x.css);', 'url(file:///etc/passwd)', '<svg onload="alert(1)">', '<base href="//x/" />',
    '<!--', '-->', '<div>', '</div>', '&lt;script&gt;', '&#60;script&#62;', '\\<script>', '<', '>', '</', '/>', '"', "'", '=',
  ),
  // expressions and code
  fc.constantFrom('{', '}', '{1+1}', '{process.exit(7)}', '\\{', 'import x from "y"\n', 'export const a = 1\n', '{/* c */}'),
  // links and images
  fc.tuple(fc.constantFrom('[t](', '![i](', '[t]: ', '<'), url, fc.constantFrom(')', ' "title")', '\n', '>')).map(([a, b, c]) => `${a}${b}${c}`),
  fc.constantFrom('[t][r]', '[r]', '![i][r]', 'www.example.org', 'https://example.org/a?b', 'x@y.fr'),
  // markdown
  fc.constantFrom('# ', '## ', '> ', '- ', '1. ', '* ', '*', '**', '_', '~~', '`', '```\n', '    ', '|a|b|\n|-|-|\n', '[^1]', '[^1]: note\n', '\\', '---\n'),
  fc.constantFrom('\n', '\n\n', ' ', '\t', '\u00A0'),
  // words
  fc.constantFrom('Le programme', 'compte', '2 800', 'actions', '39,7 M€', 'État', '« guillemets »', '"quotes"', "l'apostrophe", 'Quoi ?'),
  fc.string({ maxLength: 4 }),
);
const mdx = fc.array(fragment, { maxLength: 30 }).map((parts) => parts.join(''));

const SAFE_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);
const URL_PROPERTIES = new Set(['href', 'src', 'action', 'formAction', 'data', 'poster', 'srcSet', 'background', 'cite', 'xLinkHref', 'ping']);

/** What is unsafe in an HTML fragment: script elements, on… attributes, URLs outside the allowed schemes. */
function unsafe(html: string): string[] {
  const problems: string[] = [];
  if (/<script/i.test(html)) problems.push('"<script" in the HTML');
  const tree: Root = fromHtml(html, { fragment: true });
  visit(tree, 'element', (node: Element) => {
    for (const [name, value] of Object.entries(node.properties)) {
      if (/^on/i.test(name)) problems.push(`${node.tagName}[${name}]`);
      if (!URL_PROPERTIES.has(name)) continue;
      for (const item of Array.isArray(value) ? value.map(String) : [String(value)]) {
        const s = urlScheme(item);
        // Allowed: http(s), mailto, tel; and paths in the build (#anchor, relative). Not "//host" (a host on another scheme).
        if ((s !== null && !SAFE_SCHEMES.has(s)) || /^[\s\u0000-\u001F]*[\\/]{2}/.test(item)) problems.push(`${node.tagName}[${name}=${JSON.stringify(item)}]`);
      }
    }
  });
  return problems;
}

/**
 * Processes a body. Vitest resolves packages with the "development" condition, which loads the invariant checks of
 * devlop (`Assertion` errors) inside mdast-util-from-markdown; the CLI, run by plain Node, loads their no-op version
 * and reports such inputs as mdx-syntax errors. Those inputs are skipped here, and counted.
 */
let devOnlyAssertions = 0;
async function process(text: string, lang: (typeof LANGS)[number]) {
  try {
    return await processor({ lang, path: `property.${lang}.mdx`, text }, release);
  } catch (error) {
    if ((error as Error).name === 'Assertion') {
      devOnlyAssertions++;
      fc.pre(false);
    }
    throw error;
  }
}

afterAll(() => {
  if (devOnlyAssertions > 0) console.log(`mdx properties: ${devOnlyAssertions} inputs skipped (development-only devlop assertions, not in the CLI)`);
});

describe('createDocumentProcessor (properties)', () => {
  it.each(LANGS)('should return HTML or content errors in %s, never throw, and never let code or unsafe URLs through', async (lang) => {
    await fc.assert(
      fc.asyncProperty(mdx, async (text) => {
        const { file, tree } = await process(text, lang);
        const fatal = file.messages.filter((m) => m.fatal === true);
        if (tree === undefined) {
          expect(fatal.length).toBeGreaterThan(0);
          for (const message of fatal) expect(message.ruleId, message.reason).toBeTruthy();
        } else {
          expect(fatal).toEqual([]);
          expect(unsafe(toHtml(tree))).toEqual([]);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it.each(LANGS)('should give every content error in %s a line and a column', async (lang) => {
    await fc.assert(
      fc.asyncProperty(mdx, async (text) => {
        const { file } = await process(text, lang);
        for (const message of file.messages.filter((m) => m.fatal === true)) {
          expect(message.line ?? 0, `${message.ruleId}: ${message.reason}`).toBeGreaterThan(0);
          expect(message.column ?? 0, `${message.ruleId}: ${message.reason}`).toBeGreaterThan(0);
        }
      }),
      // A counterexample found by earlier runs, always tried first: an element left open at the end of the text.
      { numRuns: RUNS, examples: [['<script>']] },
    );
  });
});
