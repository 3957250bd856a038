/**
 * Reading a Word document for the policy import: what kind of file it really is (so a PDF,
 * an old .doc, a password-protected document or a renamed text file gets one sentence saying
 * what to do), and its body as HTML from mammoth, with images and comments counted and dropped.
 */
import JSZip from 'jszip';
import mammoth from 'mammoth';

/** A file the import cannot read, with one sentence saying what it is and what to do. */
export class WordFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WordFileError';
  }
}

/** The body of a Word document as mammoth's HTML, and what was left out of it. */
export interface WordContent {
  html: string;
  /** Pictures, charts and other images left out (the bot answers in words). */
  images: number;
  /** Reviewers' comments left out (they are not policy). */
  comments: number;
  /** Paragraph and character styles mammoth did not know, read as plain text. */
  unknownStyles: string[];
}

const PDF = Buffer.from('%PDF-');
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** The signature of an OLE compound file: old .doc files, and encrypted (password-protected) .docx files. */
const COMPOUND_FILE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const RTF = Buffer.from('{\\rtf');
/** Stream names are UTF-16 in a compound file; an encrypted Office document holds this one. */
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

/** Word's style names for a document title; the import takes it as the policy's title. */
const STYLE_MAP = ["p[style-name='Title'] => h1.title:fresh", "p[style-name='Subtitle'] => p:fresh"];

/**
 * Says what a file that is not a readable .docx is, and what to do instead.
 * @returns undefined when the bytes look like a Word (.docx) document's zip.
 */
function notWord(bytes: Buffer, name: string): string | undefined {
  if (bytes.length === 0) return `${name} is empty: save the policy from Word as a .docx document and import that.`;
  if (bytes.subarray(0, PDF.length).equals(PDF)) return `${name} is a PDF, which cannot be imported: open the policy in Word (or save it from the PDF tool) as a .docx document and import that.`;
  if (bytes.subarray(0, COMPOUND_FILE.length).equals(COMPOUND_FILE)) {
    return bytes.includes(ENCRYPTED_PACKAGE)
      ? `${name} is protected with a password: open it in Word, remove the password (File > Info > Protect Document), save it and import it again.`
      : `${name} is an old-style Word .doc file: open it in Word and save it as a .docx document (File > Save As > Word Document), then import that.`;
  }
  if (bytes.subarray(0, RTF.length).equals(RTF)) return `${name} is a Rich Text (.rtf) file: open it in Word and save it as a .docx document, then import that.`;
  if (!bytes.subarray(0, ZIP.length).equals(ZIP)) {
    const text = bytes.subarray(0, 4096).toString('utf8');
    // Text has no control characters and decodes as UTF-8 without replacement characters.
    const printable = !/[\x00-\x08\x0e-\x1f\ufffd]/.test(text);
    return printable
      ? `${name} is a text file, not a Word document: open the policy in Word and save it as a .docx document, then import that.`
      : `${name} is not a Word document: save the policy from Word as a .docx document and import that.`;
  }
  return undefined;
}

/**
 * Reads a .docx file's body.
 * @throws WordFileError when the file is not a Word document it can read.
 */
export async function readWordFile(bytes: Buffer, name: string): Promise<WordContent> {
  const problem = notWord(bytes, name);
  if (problem) throw new WordFileError(problem);
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw new WordFileError(`${name} is damaged (its zip cannot be opened): open it in Word, save it again as a .docx document and import that.`);
  }
  if (!zip.file('word/document.xml')) {
    throw new WordFileError(`${name} is a zip file but not a Word document (it has no word/document.xml): save the policy from Word as a .docx document and import that.`);
  }
  const commentsXml = await zip.file('word/comments.xml')?.async('string');
  const comments = commentsXml ? (commentsXml.match(/<w:comment\b/g) ?? []).length : 0;
  let images = 0;
  let result: Awaited<ReturnType<typeof mammoth.convertToHtml>>;
  try {
    result = await mammoth.convertToHtml(
      { buffer: bytes },
      {
        styleMap: STYLE_MAP,
        ignoreEmptyParagraphs: false,
        // Images are dropped: counted here, and the empty <img> is skipped when the HTML is read.
        convertImage: mammoth.images.imgElement(async () => {
          images++;
          return { src: '' };
        })
      }
    );
  } catch (error) {
    throw new WordFileError(`${name} could not be read as a Word document (${(error as Error).message}): open it in Word, save it again as a .docx document and import that.`);
  }
  const unknownStyles = [
    ...new Set(
      result.messages
        .map((m) => /^Unrecognised (?:paragraph|run) style: '([^']+)'/.exec(m.message)?.[1])
        .filter((s): s is string => s !== undefined)
    )
  ];
  return { html: result.value, images, comments, unknownStyles };
}
