/**
 * The policy as the bot reads it: a Markdown file whose `##` headings are sections.
 * Each heading may carry a stable id, `## Webmail {#webmail}` (or an HTML comment
 * `<!-- id: webmail -->` on the line after it); without one the id is made from the title.
 * Ids are what links and stored feedback point at, so they must stay stable.
 */
import { readFileSync } from 'node:fs';

export interface PolicySection {
  id: string;
  title: string;
  /** Paragraphs of plain text (Markdown emphasis and links removed), in order. */
  paragraphs: string[];
}

export interface PolicyDocument {
  title: string;
  sections: PolicySection[];
}

/** Thrown when the policy file cannot be read or has no usable sections; names the file. */
export class PolicyFileError extends Error {
  constructor(message: string) {
    super(`policy: ${message}`);
    this.name = 'PolicyFileError';
  }
}

const HEADING = /^##\s+(.+?)\s*(?:\{#([A-Za-z0-9_-]+)\})?\s*$/;
const ID_COMMENT = /^<!--\s*id:\s*([A-Za-z0-9_-]+)\s*-->$/;

/** A URL-safe id from a title: "Skype & virtual meetings" -> "skype-virtual-meetings". */
export function slugify(title: string): string {
  return title
    .toLowerCase()
    .replace(/[\u2018\u2019']/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Markdown inline syntax to plain text: links keep their words, emphasis marks go. */
function plain(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|\*|_|`)(.+?)\1/g, '$2')
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '')
    .replace(/^>\s?/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Parses the policy's Markdown into sections.
 * @throws PolicyFileError when there are no `##` sections or two share an id.
 */
export function parsePolicy(markdown: string, source = 'the policy'): PolicyDocument {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  let title = '';
  const sections: PolicySection[] = [];
  let current: { section: PolicySection; lines: string[] } | undefined;

  const finish = () => {
    if (!current) return;
    const blocks = current.lines.join('\n').split(/\n\s*\n/);
    current.section.paragraphs = blocks.map(plain).filter((p) => p.length > 0);
  };

  for (const line of lines) {
    const heading = HEADING.exec(line);
    if (heading) {
      finish();
      const sectionTitle = plain(heading[1]);
      current = { section: { id: heading[2] ?? slugify(sectionTitle), title: sectionTitle, paragraphs: [] }, lines: [] };
      sections.push(current.section);
      continue;
    }
    if (!current) {
      const h1 = /^#\s+(.+)$/.exec(line);
      if (h1 && !title) title = plain(h1[1]);
      continue;
    }
    const idComment = ID_COMMENT.exec(line.trim());
    if (idComment && current.lines.every((l) => l.trim() === '')) {
      current.section.id = idComment[1];
      continue;
    }
    // A sub-heading starts its own paragraph, so it is never glued to the text above it.
    current.lines.push(/^#{3,6}\s/.test(line) ? `\n${line.replace(/^#+\s*/, '')}\n` : line);
  }
  finish();

  const usable = sections.filter((s) => s.paragraphs.length > 0);
  if (usable.length === 0) throw new PolicyFileError(`${source} has no "## " sections with text`);
  const seen = new Set<string>();
  for (const section of usable) {
    if (seen.has(section.id)) throw new PolicyFileError(`${source} has two sections with the id "${section.id}"; give each a unique {#id}`);
    seen.add(section.id);
  }
  return { title: title || 'Acceptable Use of ICT Assets and Social Media', sections: usable };
}

/**
 * Reads and parses the policy file.
 * @throws PolicyFileError naming the file when it cannot be read or parsed.
 */
export function loadPolicy(file: string): PolicyDocument {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new PolicyFileError(`cannot read ${file} (POLICY_FILE): ${(error as Error).message}`);
  }
  return parsePolicy(text, file);
}
