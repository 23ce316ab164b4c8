import readline from 'node:readline';
import { Writable } from 'node:stream';
import type { PromptField } from '@syncmgr/protocol';
import type { PromptAnswers, PromptRequest, UserInterface } from '../../index.js';
import { printable } from '../render/format.js';

/** What must keep quiet while a prompt has the terminal (the live view, the key listener). */
export interface TerminalOwner {
  pause(): void;
  resume(): void;
}

/**
 * Shows handlers' prompts on the terminal, one at a time; secret fields are read with echo off.
 * The header names the handler as registered, with its class ID, not as it names itself.
 */
export class TerminalPrompt implements UserInterface {
  private muted = false;
  private owner: TerminalOwner | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly input: NodeJS.ReadStream,
    private readonly output: NodeJS.WriteStream,
  ) {}

  /** Who to pause while a prompt is open. */
  setOwner(owner: TerminalOwner | undefined): void {
    this.owner = owner;
  }

  prompt(request: PromptRequest, signal: AbortSignal): Promise<PromptAnswers | undefined> {
    // One prompt at a time: two readers of one terminal would each get what the user typed.
    const turn = this.queue.then(() => (signal.aborted ? undefined : this.show(request, signal)));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async show(request: PromptRequest, signal: AbortSignal): Promise<PromptAnswers | undefined> {
    this.owner?.pause();
    const echo = new Writable({
      write: (chunk: Buffer | string, encoding: BufferEncoding, done: () => void) => {
        if (!this.muted) this.output.write(chunk, encoding);
        done();
      },
    });
    const lines = readline.createInterface({ input: this.input, output: echo, terminal: true });
    const onAbort = () => lines.close();
    signal.addEventListener('abort', onAbort);
    try {
      this.output.write(
        `\n┌ ${printable(request.handlerName)} {${request.clsid}} asks: ${printable(request.title)}\n${request.text ? `│ ${printable(request.text)}\n` : ''}`,
      );
      const answers: PromptAnswers = {};
      for (const field of request.fields) {
        const answer = await this.ask(lines, field);
        if (answer === undefined || signal.aborted) {
          this.output.write(signal.aborted ? '\n└ withdrawn by the handler\n' : '└ refused\n');
          return undefined;
        }
        answers[field.name] = answer;
      }
      this.output.write('└ answered\n');
      return answers;
    } finally {
      signal.removeEventListener('abort', onAbort);
      this.muted = false;
      lines.close();
      this.owner?.resume();
    }
  }

  // Resolves undefined when the user refuses: Ctrl-C, Ctrl-D, or Escape then Enter.
  private ask(lines: readline.Interface, field: PromptField): Promise<string | boolean | undefined> {
    return new Promise((resolve) => {
      const refuse = () => resolve(undefined);
      lines.once('SIGINT', refuse);
      lines.once('close', refuse);
      lines.question(`│ ${printable(field.label)}${hintOf(field)}: `, (text) => {
        lines.off('SIGINT', refuse);
        lines.off('close', refuse);
        if (field.kind === 'secret') this.output.write('\n');
        this.muted = false;
        resolve(text.includes('\u001b') ? undefined : interpret(field, text));
      });
      this.muted = field.kind === 'secret';
    });
  }
}

function hintOf(field: PromptField): string {
  if (field.kind === 'confirm') return ` [${field.default === false ? 'y/N' : 'Y/n'}]`;
  return field.kind === 'text' && field.default !== undefined ? ` [${printable(field.default)}]` : '';
}

function interpret(field: PromptField, text: string): string | boolean {
  if (field.kind === 'confirm') return text.trim() === '' ? field.default !== false : /^y(es)?$/i.test(text.trim());
  if (text === '' && field.kind === 'text' && field.default !== undefined) return field.default;
  return text;
}
