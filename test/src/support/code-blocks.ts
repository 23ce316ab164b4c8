import { readFileSync } from 'node:fs';

/** A fenced code block of a Markdown file, with the 1-based line of its opening fence. */
export interface CodeBlock {
  line: number;
  code: string;
}

/** Every block fenced as ```<language> in the file. */
export function codeBlocks(file: string, language: string): CodeBlock[] {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  const blocks: CodeBlock[] = [];
  let open: { line: number; body: string[] } | undefined;
  lines.forEach((text, index) => {
    if (open && /^```\s*$/.test(text)) {
      blocks.push({ line: open.line, code: open.body.join('\n') });
      open = undefined;
    } else if (open) open.body.push(text);
    else if (text.trim() === '```' + language) open = { line: index + 1, body: [] };
  });
  return blocks;
}
