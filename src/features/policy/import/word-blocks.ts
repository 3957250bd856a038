/**
 * The HTML mammoth makes from a Word document, read as a flat run of blocks: headings with
 * their level, and Markdown paragraphs (text, list items with their numbers, table rows as
 * readable text). Images are skipped; the import counts them.
 */
import { DomUtils, parseDocument, type parseDOM } from 'htmlparser2';

type Node = ReturnType<typeof parseDOM>[number];

/** A heading of the document, or one paragraph of Markdown under it. */
export type WordBlock =
  | { kind: 'heading'; level: number; text: string; isTitle: boolean }
  | { kind: 'paragraph'; markdown: string };

const HEADING_TAG = /^h([1-6])$/;

/** Plain text of a node, spaces tidied. */
function textOf(node: Node): string {
  return DomUtils.textContent(node).replace(/\s+/g, ' ').trim();
}

/** A node's inline content as Markdown: emphasis and web links kept, footnote marks and images dropped. */
function inline(nodes: readonly Node[]): string {
  let out = '';
  for (const node of nodes) {
    if (DomUtils.isText(node)) {
      out += node.data;
      continue;
    }
    if (!DomUtils.isTag(node)) continue;
    const inner = () => inline(node.children);
    switch (node.name) {
      case 'strong':
      case 'b': {
        const text = inner().trim();
        out += text ? `**${text}** ` : '';
        break;
      }
      case 'em':
      case 'i': {
        const text = inner().trim();
        out += text ? `*${text}* ` : '';
        break;
      }
      case 'a': {
        const href = node.attribs.href ?? '';
        // Footnote and bookmark marks ("[1]", "↑") point inside the document: they mean nothing in a quote.
        if (href.startsWith('#')) break;
        const text = inner().trim();
        out += /^https?:\/\//.test(href) && text && text !== href ? `[${text}](${href})` : text || href;
        break;
      }
      case 'br':
        out += ' ';
        break;
      case 'img':
        break;
      case 'sup':
        if (DomUtils.findOne((n) => n.name === 'a' && (n.attribs.href ?? '').startsWith('#'), node.children)) break;
        out += inner();
        break;
      default:
        out += inner();
    }
  }
  return out;
}

/** Markdown text on one line: spaces tidied, and a leading mark that Markdown would read as a heading escaped. */
function tidy(markdown: string): string {
  return markdown
    .replace(/\s+/g, ' ')
    .replace(/\*\* ([.,;:!?)])/g, '**$1')
    .replace(/\* ([.,;:!?)])/g, '*$1')
    .trim()
    .replace(/^#/, '\\#');
}

/** A list's items, each a paragraph: "1. text" for numbered lists, "- text" otherwise, nested lists indented. */
function listItems(list: Node, depth: number, out: WordBlock[]): void {
  if (!DomUtils.isTag(list)) return;
  const ordered = list.name === 'ol';
  let number = 0;
  for (const item of list.children) {
    if (!DomUtils.isTag(item) || item.name !== 'li') continue;
    number++;
    const own = item.children.filter((c) => !(DomUtils.isTag(c) && (c.name === 'ol' || c.name === 'ul')));
    const text = tidy(inline(own));
    const indent = '   '.repeat(depth);
    if (text) out.push({ kind: 'paragraph', markdown: `${indent}${ordered ? `${number}.` : '-'} ${text}` });
    for (const nested of item.children) {
      if (DomUtils.isTag(nested) && (nested.name === 'ol' || nested.name === 'ul')) listItems(nested, depth + 1, out);
    }
  }
}

/** A table as readable text: with a header row, each further row as "Header: value; Header: value"; else cells joined. */
function tableRows(table: Node, out: WordBlock[]): void {
  const rows = DomUtils.findAll((n) => n.name === 'tr', [table]).map((row) =>
    row.children.filter((c) => DomUtils.isTag(c) && (c.name === 'td' || c.name === 'th')).map((cell) => tidy(inline(DomUtils.isTag(cell) ? cell.children : [])))
  );
  const filled = rows.filter((cells) => cells.some((c) => c.length > 0));
  if (filled.length === 0) return;
  const [header, ...body] = filled;
  if (body.length === 0 || header.length < 2) {
    for (const cells of filled) out.push({ kind: 'paragraph', markdown: `- ${cells.filter(Boolean).join('; ')}` });
    return;
  }
  for (const cells of body) {
    const pairs = cells.map((cell, i) => (cell ? (header[i] ? `${header[i]}: ${cell}` : cell) : '')).filter(Boolean);
    if (pairs.length > 0) out.push({ kind: 'paragraph', markdown: `- ${pairs.join('; ')}` });
  }
}

/** Reads mammoth's HTML into blocks, in the document's order. */
export function wordBlocks(html: string): WordBlock[] {
  const out: WordBlock[] = [];
  const visit = (nodes: readonly Node[]) => {
    for (const node of nodes) {
      if (!DomUtils.isTag(node)) {
        const text = DomUtils.isText(node) ? tidy(node.data) : '';
        if (text) out.push({ kind: 'paragraph', markdown: text });
        continue;
      }
      const heading = HEADING_TAG.exec(node.name);
      if (heading) {
        out.push({ kind: 'heading', level: Number(heading[1]), text: textOf(node), isTitle: (node.attribs.class ?? '').split(/\s+/).includes('title') });
      } else if (node.name === 'ol' || node.name === 'ul') {
        listItems(node, 0, out);
      } else if (node.name === 'table') {
        tableRows(node, out);
      } else if (node.name === 'p' || node.name === 'blockquote' || node.name === 'pre') {
        const text = tidy(inline(node.children));
        if (text) out.push({ kind: 'paragraph', markdown: text });
      } else {
        visit(node.children);
      }
    }
  };
  visit(parseDocument(html).children);
  return out;
}
