import { printable } from './render/format.js';

// C1 controls and bidi controls that JSON.stringify leaves raw: escaped, the JSON means the same.
const JSON_UNSAFE = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function safeJson(text: string): string {
  return text.replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A stream the CLI writes to that its reader going away cannot break: after a write error (EPIPE
 * from `| head -1`, EIO from a closed terminal) it stops writing, quietly, and the command goes on
 * to its end (a session finishes and is saved).
 */
export class CliOutput {
  private broken = false;

  constructor(private readonly stream: NodeJS.WritableStream) {
    // Also covers writers that bypass this class (log-update, readline, commander's help).
    stream.on('error', () => void (this.broken = true));
  }

  /** False once a write failed: nobody reads any more. */
  get isOpen(): boolean {
    return !this.broken;
  }

  /** Lines of text; any terminal control sequence in them is removed, line by line. */
  line(text = ''): void {
    this.write(`${text.split('\n').map(printable).join('\n')}\n`);
  }

  /** A value as indented JSON, valid and free of raw control characters. */
  json(value: unknown): void {
    this.write(`${safeJson(JSON.stringify(value, null, 2))}\n`);
  }

  /** A value as JSON on one line (JSON Lines: one event per line for a reader that streams). */
  jsonLine(value: unknown): void {
    this.write(`${safeJson(JSON.stringify(value))}\n`);
  }

  /** Text the CLI itself means for the terminal, control sequences and all (a prompt's frame). */
  raw(text: string): void {
    this.write(text);
  }

  private write(text: string): void {
    if (this.broken) return;
    try {
      this.stream.write(text);
    } catch {
      this.broken = true;
    }
  }
}

/** Where every command prints its results. */
export const stdout = new CliOutput(process.stdout);
/** Where every command prints warnings and reasons. */
export const stderr = new CliOutput(process.stderr);
