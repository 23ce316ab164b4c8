import type { DaemonEventBody, OpenPrompt as PromptShown } from '@syncmgr/protocol';
import type { PromptAnswers, PromptRequest, UserInterface } from '../session/user-interface.js';

/** Where a prompt's events go: the daemon's event log. */
export type PromptEventSink = (body: DaemonEventBody, sessionId: string) => void;

interface OpenPrompt {
  sessionId: string;
  shown: PromptShown;
  answer: (answers: PromptAnswers | undefined) => void;
}

/**
 * The daemon's user: a prompt becomes a 'prompt' event with a promptId, and waits for a client's
 * prompts/answer. Whichever client answers first wins; the handler's own abort (it gave the token
 * back, its phase ended) closes the prompt with a 'promptClosed' event.
 */
export class DaemonPrompts {
  private readonly open = new Map<string, OpenPrompt>();
  private readonly runs = new Set<string>();

  constructor(private readonly sink: PromptEventSink) {}

  /** The user interface for one session's handlers. */
  forSession(sessionId: string): UserInterface {
    return { prompt: (request, signal) => this.ask(sessionId, request, signal) };
  }

  /**
   * The user interface of a run outside the jobs (a handler's properties), under a pseudo-session ID
   * of its own; answer() knows that ID until end() is called.
   */
  forRun(runId: string): { userInterface: UserInterface; end: () => void } {
    this.runs.add(runId);
    return { userInterface: this.forSession(runId), end: () => this.runs.delete(runId) };
  }

  /** True for a run under way (forRun) or a session with a prompt open: prompts/answer may name it. */
  knows(sessionId: string): boolean {
    return this.runs.has(sessionId) || [...this.open.values()].some((prompt) => prompt.sessionId === sessionId);
  }

  /** The prompts open now, oldest first, for daemon/status. */
  list(): PromptShown[] {
    return [...this.open.values()].map((prompt) => prompt.shown);
  }

  /** Answers an open prompt of that session; false when there is none (answered, closed, never opened). */
  answer(sessionId: string, promptId: string, answers: PromptAnswers | undefined): boolean {
    const prompt = this.open.get(promptId);
    if (!prompt || prompt.sessionId !== sessionId) return false;
    prompt.answer(answers);
    return true;
  }

  private ask(sessionId: string, request: PromptRequest, signal: AbortSignal): Promise<PromptAnswers | undefined> {
    const promptId = crypto.randomUUID();
    const handler = { sessionId, clsid: request.clsid, name: request.handlerName };
    const { handlerName: _name, clsid: _clsid, ...prompt } = request;
    return new Promise((resolve) => {
      const settle = (answers: PromptAnswers | undefined) => {
        if (!this.open.delete(promptId)) return;
        signal.removeEventListener('abort', onAbort);
        this.sink({ kind: 'promptClosed', handler, promptId }, sessionId);
        resolve(answers);
      };
      const onAbort = () => settle(undefined);
      this.open.set(promptId, { sessionId, shown: { handler, promptId, prompt }, answer: settle });
      signal.addEventListener('abort', onAbort);
      this.sink({ kind: 'prompt', handler, promptId, prompt }, sessionId);
      if (signal.aborted) settle(undefined);
    });
  }
}
