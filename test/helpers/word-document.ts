/**
 * Builds real .docx files for the policy import's tests from a readable outline, with the
 * `docx` package: headings by Word's Heading styles, numbered and bulleted lists by Word's
 * own numbering, tables, an image and a reviewer's comment, as a council's policy has them.
 */
import {
  AlignmentType, CommentRangeEnd, CommentRangeStart, CommentReference, Document, HeadingLevel, ImageRun, LevelFormat, Packer, Paragraph,
  Table, TableCell, TableRow, TextRun, WidthType
} from 'docx';
import { PNG } from 'pngjs';

/** One piece of a Word document, in order. */
export type WordPart =
  | { title: string }
  | { heading: 1 | 2 | 3 | 4; text: string }
  | { text: string; bold?: string }
  | { numbered: string[] }
  | { bullets: string[] }
  | { table: string[][] }
  | { image: true }
  | { commented: string; comment: string };

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4] as const;

function tinyPng(): Buffer {
  const png = new PNG({ width: 2, height: 2 });
  return PNG.sync.write(png);
}

/** The .docx file for the parts, as Word would save it. */
export async function wordDocument(parts: readonly WordPart[]): Promise<Buffer> {
  const children: Array<Paragraph | Table> = [];
  const comments: Array<{ id: number; author: string; date: Date; children: Paragraph[] }> = [];
  let lists = 0;
  for (const part of parts) {
    if ('title' in part) children.push(new Paragraph({ text: part.title, heading: HeadingLevel.TITLE }));
    else if ('heading' in part) children.push(new Paragraph({ text: part.text, heading: HEADINGS[part.heading - 1] }));
    else if ('text' in part) children.push(new Paragraph({ children: [...(part.bold ? [new TextRun({ text: part.bold, bold: true }), new TextRun(' ')] : []), new TextRun(part.text)] }));
    else if ('numbered' in part) {
      // Each numbered list restarts at 1, as a clause's own list does in Word.
      const instance = ++lists;
      for (const item of part.numbered) children.push(new Paragraph({ text: item, numbering: { reference: 'clauses', level: 0, instance } }));
    } else if ('bullets' in part) for (const item of part.bullets) children.push(new Paragraph({ text: item, bullet: { level: 0 } }));
    else if ('table' in part) {
      children.push(
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: part.table.map((cells) => new TableRow({ children: cells.map((cell) => new TableCell({ children: [new Paragraph(cell)] })) }))
        })
      );
    } else if ('image' in part) children.push(new Paragraph({ children: [new ImageRun({ type: 'png', data: tinyPng(), transformation: { width: 20, height: 20 } })] }));
    else {
      const id = comments.length;
      comments.push({ id, author: 'Reviewer', date: new Date('2026-01-05T10:00:00Z'), children: [new Paragraph(part.comment)] });
      children.push(new Paragraph({ children: [new CommentRangeStart(id), new TextRun(part.commented), new CommentRangeEnd(id), new TextRun({ children: [new CommentReference(id)] })] }));
    }
  }
  const document = new Document({
    creator: 'Council ICT',
    comments: { children: comments },
    numbering: { config: [{ reference: 'clauses', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }] }] },
    sections: [{ children }]
  });
  return Packer.toBuffer(document);
}
