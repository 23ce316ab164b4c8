// Reads protocol/PROTOCOL.md into headings, sections, table rows and annotated JSON examples.
import { readFileSync } from 'node:fs';
import { inRepo } from './repo-paths.js';

export const specPath = inRepo('protocol', 'PROTOCOL.md');

export interface Heading {
  level: number;
  text: string;
  /** Index of the heading's line. */
  line: number;
}

export interface Section {
  heading: Heading;
  /** The lines after the heading, up to the next heading of the same or a higher level. */
  lines: string[];
  text: string;
}

export interface AnnotatedExample {
  method: string;
  kind: 'params' | 'result';
  /** 1-based line of the annotation comment, for failure messages. */
  line: number;
  json: string;
}

/** The annotation that precedes a checked example: `<!-- example: synchronize/prepareForSync params -->`. */
export const EXAMPLE_ANNOTATION = /^<!--\s*example:\s*(\S+)\s+(params|result)\s*-->\s*$/;

export class MarkdownSpec {
  readonly lines: string[];
  readonly headings: Heading[];
  /** Per line: true when it lies inside a fenced code block (fence lines included). */
  private readonly fenced: boolean[];

  constructor(readonly text: string) {
    this.lines = text.split(/\r?\n/);
    this.fenced = [];
    this.headings = [];
    let inFence = false;
    this.lines.forEach((line, index) => {
      const fence = /^\s*(```|~~~)/.test(line);
      this.fenced.push(inFence || fence);
      if (fence) inFence = !inFence;
      else if (!inFence) {
        const match = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
        if (match) this.headings.push({ level: match[1]!.length, text: match[2]!, line: index });
      }
    });
  }

  static read(): MarkdownSpec {
    return new MarkdownSpec(readFileSync(specPath, 'utf8'));
  }

  section(heading: Heading): Section {
    const next = this.headings.find((h) => h.line > heading.line && h.level <= heading.level);
    const lines = this.lines.slice(heading.line + 1, next ? next.line : this.lines.length);
    return { heading, lines, text: lines.join('\n') };
  }

  /** The headings that contain `code` in backticks, e.g. the method name `synchronize/initialize`. */
  headingsNaming(code: string): Heading[] {
    return this.headings.filter((h) => h.text.includes('`' + code + '`'));
  }

  /** Cells of every Markdown table row (outside code blocks) of a section, or of the whole document; trimmed. */
  tableRows(section?: Section): string[][] {
    const from = section ? section.heading.line + 1 : 0;
    const to = section ? from + section.lines.length : this.lines.length;
    const rows: string[][] = [];
    for (let index = from; index < to; index++) {
      const line = this.lines[index]!;
      if (this.fenced[index] || !/^\s*\|/.test(line) || /^\s*\|[\s:|-]+\|\s*$/.test(line)) continue;
      rows.push(
        line
          .trim()
          .replace(/^\|/, '')
          .replace(/(?<!\\)\|$/, '')
          .split(/(?<!\\)\|/)
          .map((cell) => cell.trim()),
      );
    }
    return rows;
  }

  /** Every example annotated for checking, with the JSON text of the fenced block that follows. */
  annotatedExamples(): AnnotatedExample[] {
    const examples: AnnotatedExample[] = [];
    this.lines.forEach((line, index) => {
      const match = EXAMPLE_ANNOTATION.exec(line.trim());
      if (!match) return;
      const opening = this.lines[index + 1] ?? '';
      if (!/^```json\s*$/.test(opening)) {
        throw new Error(`PROTOCOL.md line ${index + 1}: the example annotation is not followed by a \`\`\`json block`);
      }
      const end = this.lines.findIndex((l, i) => i > index + 1 && /^```\s*$/.test(l));
      if (end < 0) throw new Error(`PROTOCOL.md line ${index + 1}: the example's code block never closes`);
      examples.push({
        method: match[1]!,
        kind: match[2] as 'params' | 'result',
        line: index + 1,
        json: this.lines.slice(index + 2, end).join('\n'),
      });
    });
    return examples;
  }

  /** 1-based numbers of lines that look like an example annotation but do not follow its format. */
  malformedAnnotations(): number[] {
    return this.lines.flatMap((line, index) => (/<!--\s*example/i.test(line) && !EXAMPLE_ANNOTATION.test(line.trim()) ? [index + 1] : []));
  }
}
