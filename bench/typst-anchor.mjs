// The bench's anchor: a built release page turned into a comparable Typst document (A4, Marianne, the same blocks:
// masthead, kind, date, title, lead, paragraphs, lists, key figures, quotes, contacts, about, footer), and, run as a
// script, those documents compiled to PDFs by the Typst compiler (@myriaddreamin/typst-ts-node-compiler, a
// devDependency used by the bench only):
//   node bench/typst-anchor.mjs FONT_DIR a.typ b.typ …   writes a.pdf, b.pdf …
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** A Typst string literal: every text goes through one, so no markup character of the text can be misread. */
const str = (text) => `#"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const classes = (node) => node.properties?.className ?? [];
const has = (node, name) => classes(node).includes(name);
const isElement = (node, ...tags) => node.type === 'element' && (tags.length === 0 || tags.includes(node.tagName));

/** Inline content of an element, as Typst markup. */
function inline(node) {
  return (node.children ?? [])
    .map((child) => {
      if (child.type === 'text') return child.value.trim() === '' ? (child.value ? ' ' : '') : str(child.value.replace(/\s+/g, ' '));
      if (!isElement(child) || has(child, 'visually-hidden')) return '';
      if (child.tagName === 'br') return ' \\ ';
      if (child.tagName === 'strong' || child.tagName === 'b') return `#strong[${inline(child)}]`;
      if (child.tagName === 'em' || child.tagName === 'i') return `#emph[${inline(child)}]`;
      if (child.tagName === 'a' && child.properties?.href) return `#link(${JSON.stringify(String(child.properties.href))})[${inline(child)}]`;
      return inline(child);
    })
    .join('');
}

/** Block content of an element, as Typst markup (one block per paragraph, separated by blank lines). */
function blocks(node) {
  const out = [];
  for (const child of node.children ?? []) {
    if (!isElement(child) || has(child, 'visually-hidden')) continue;
    const tag = child.tagName;
    if (tag === 'footer' || has(child, 'masthead__lang')) continue; // the footer is the page's footer; no link to the other language in print
    if (has(child, 'bloc-marque')) out.push(`#block(below: 1.5em)[#text(weight: "bold", size: 12pt, upper(${JSON.stringify(textOf(child.children.find((c) => has(c, 'bloc-marque__republic'))))}))\\ #text(style: "italic", size: 8pt)[${inline(child.children.find((c) => has(c, 'bloc-marque__devise')) ?? { children: [] })}]]`);
    else if (tag === 'h1') out.push(`#heading(level: 1)[${inline(child)}]`);
    else if (/^h[2-6]$/.test(tag)) out.push(`#heading(level: ${Math.min(3, Number(tag[1]))})[${inline(child)}]`);
    else if (has(child, 'lead')) out.push(`#block(text(weight: "bold", size: 11pt)[${blocks(child)}])`);
    else if (has(child, 'key-figures')) {
      const title = child.children.find((c) => isElement(c, 'h2', 'h3'));
      const items = [];
      const walk = (n) => (has(n, 'key-figures__item') ? items.push(n) : (n.children ?? []).forEach(walk));
      walk(child);
      const cells = items.map((item) => {
        const value = item.children.find((c) => has(c, 'key-figures__value'));
        const label = item.children.find((c) => has(c, 'key-figures__label'));
        return `[#text(size: 18pt, weight: "bold")[${inline(value)}] \\ ${inline(label)}]`;
      });
      out.push(`#block(fill: luma(240), inset: 10pt, width: 100%)[#text(weight: "bold")[${title ? inline(title) : ''}]\n#grid(columns: 3, gutter: 10pt, ${cells.join(', ')})]`);
    } else if (has(child, 'quote') || tag === 'blockquote') {
      const text = child.tagName === 'blockquote' ? child : child.children.find((c) => isElement(c, 'blockquote')) ?? child;
      const caption = child.children.find((c) => isElement(c, 'figcaption'));
      out.push(`#quote(block: true${caption ? `, attribution: [${inline(caption)}]` : ''})[${blocks(text) || inline(text)}]`);
    } else if (tag === 'p' || tag === 'dt' || tag === 'dd') out.push(inline(child));
    else if (tag === 'ul' || tag === 'ol') out.push(child.children.filter((c) => isElement(c, 'li')).map((li) => `${tag === 'ul' ? '-' : '+'} ${inline(li)}`).join('\n'));
    else if (tag === 'table') out.push(`#table(columns: ${Math.max(1, ...rowsOf(child).map((r) => r.length))}, ${rowsOf(child).flat().map((cell) => `[${inline(cell)}]`).join(', ')})`);
    else if (['script', 'style', 'nav', 'svg', 'img'].includes(tag)) continue;
    else out.push(blocks(child));
  }
  return out.filter(Boolean).join('\n\n');
}

function rowsOf(table) {
  const rows = [];
  const walk = (n) => (isElement(n, 'tr') ? rows.push(n.children.filter((c) => isElement(c, 'td', 'th'))) : (n.children ?? []).forEach(walk));
  walk(table);
  return rows;
}

function textOf(node) {
  if (!node) return '';
  if (node.type === 'text') return node.value;
  if (isElement(node, 'br')) return ' ';
  return (node.children ?? []).map(textOf).join('').replace(/\s+/g, ' ').trim();
}

/** A Typst document with the blocks of a built release page (its HTML). */
export async function typstOfRelease(html, lang, fromHtml) {
  const tree = fromHtml(html);
  const find = (n, test) => (test(n) ? n : (n.children ?? []).reduce((found, c) => found ?? find(c, test), undefined));
  const body = find(tree, (n) => isElement(n, 'body'));
  const footer = find(body, (n) => isElement(n, 'footer'));
  const footerLines = footer ? footer.children.filter((c) => isElement(c, 'p')).map(inline).join(' \\ ') : '';
  return [
    `#set document(title: ${JSON.stringify(textOf(find(body, (n) => isElement(n, 'h1'))))})`,
    `#set page(paper: "a4", margin: (x: 2cm, top: 2cm, bottom: 2.5cm), footer: text(size: 8pt)[${footerLines}])`,
    `#set text(font: "Marianne", lang: "${lang}", size: 10pt)`,
    '#set par(justify: false, leading: 0.6em)',
    '#show heading.where(level: 1): set text(size: 20pt)',
    '#show heading.where(level: 2): set text(size: 13pt)',
    '',
    blocks(body),
    '',
  ].join('\n');
}

// As a script: compile every .typ file named to a PDF beside it, in one process (as a user's script would).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [fonts, ...files] = process.argv.slice(2);
  const { NodeCompiler } = await import('@myriaddreamin/typst-ts-node-compiler');
  const compiler = NodeCompiler.create({ fontArgs: [{ fontPaths: [fonts] }] });
  for (const file of files) {
    const pdf = compiler.pdf({ mainFileContent: await readFile(file, 'utf8') }, { creationTimestamp: 1700000000 });
    await writeFile(file.replace(/\.typ$/, '.pdf'), pdf);
  }
}
