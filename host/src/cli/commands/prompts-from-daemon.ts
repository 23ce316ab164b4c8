import { AnswerPrompt, type DaemonEvent } from '@syncmgr/protocol';
import type { DaemonClient } from '../../daemon-client/daemon-client.js';
import type { UserInterface } from '../../index.js';

/**
 * Answers the prompts of one daemon session on this terminal (the TerminalPrompt), or refuses them
 * (answers absent) when there is no one to ask: the daemon cannot reach the user any other way here.
 */
export class PromptsFromDaemon {
  private readonly open = new Map<string, AbortController>();

  constructor(
    private readonly client: DaemonClient,
    private readonly sessionId: string,
    private readonly user: UserInterface | undefined,
  ) {}

  /** Takes the prompt and promptClosed events of the session; ignores the rest. */
  handle(event: DaemonEvent): void {
    const body = event.body;
    if (body.kind === 'promptClosed') {
      // Another client answered it, or the handler gave up: stop asking here.
      this.open.get(body.promptId)?.abort();
      this.open.delete(body.promptId);
      return;
    }
    if (body.kind !== 'prompt') return;
    const controller = new AbortController();
    this.open.set(body.promptId, controller);
    const asked = this.user
      ? this.user.prompt({ ...body.prompt, handlerName: body.handler.name, clsid: body.handler.clsid }, controller.signal)
      : Promise.resolve(undefined);
    void asked
      .catch(() => undefined)
      .then((answers) => {
        if (controller.signal.aborted) return;
        this.open.delete(body.promptId);
        const params = { sessionId: this.sessionId, promptId: body.promptId, ...(answers ? { answers } : {}) };
        // S_FALSE (already answered or closed) needs nothing more; a lost daemon ends the session anyway.
        return this.client.request(AnswerPrompt, params).catch(() => undefined);
      });
  }

  /** Stops asking: the session is over. */
  closeAll(): void {
    for (const controller of this.open.values()) controller.abort();
    this.open.clear();
  }
}
