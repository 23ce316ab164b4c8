import { CancelSession, HResult, SkipItem, type DaemonEvent, type SessionReport } from '@syncmgr/protocol';
import type { DaemonClient } from '../../daemon-client/daemon-client.js';
import { DaemonSessionEvents } from '../render/daemon-session-events.js';
import { printable } from '../render/format.js';
import { LiveView } from '../render/live-view.js';
import { KeyListener, type Key } from './key-listener.js';
import { NumberEntry } from './number-entry.js';
import type { TerminalPrompt } from './terminal-prompt.js';

const KEYS_HELP = 'keys: a number skips that item (digits, then Enter) · c or Ctrl-C cancel every item (the session runs in the daemon)';

/**
 * `syncmgr sync` through the daemon on a terminal, as the in-process one: the live view drawn from
 * the session's events, a number skips that item (sessions/skipItem), c cancels (sessions/cancel),
 * and the terminal is lent to the handlers' prompts.
 */
export class DaemonLiveSync {
  private constructor(
    private readonly client: DaemonClient,
    private readonly sessionId: string,
    private readonly events: DaemonSessionEvents,
    private readonly view: LiveView,
    private readonly prompt: TerminalPrompt | undefined,
    private keys: KeyListener | undefined = undefined,
  ) {}

  static async start(client: DaemonClient, sessionId: string, prompt: TerminalPrompt | undefined): Promise<DaemonLiveSync> {
    const events = new DaemonSessionEvents();
    const live = new DaemonLiveSync(client, sessionId, events, await LiveView.attach(events, KEYS_HELP), prompt);
    const keys = (live.keys = new KeyListener(process.stdin, live.keyHandler()));
    prompt?.setOwner({ pause: () => (live.view.pause(), keys.pause()), resume: () => (keys.resume(), live.view.resume()) });
    return live;
  }

  /** One of the session's events. */
  feed(event: DaemonEvent): void {
    this.events.feed(event);
  }

  /** A line under the view. */
  say(text: string): void {
    this.view.say(text);
  }

  /** Asks the daemon to cancel the session. */
  cancel(): void {
    this.view.say('cancelling: the daemon asks every handler to stop');
    void this.client.request(CancelSession, { sessionId: this.sessionId }).catch(() => undefined);
  }

  /** Shows how each handler ended (when the report came) and gives the terminal back. */
  finish(report: SessionReport | undefined): void {
    if (report) this.events.finish(report);
    this.prompt?.setOwner(undefined);
    this.view.stop();
    this.keys?.stop();
  }

  private keyHandler(): (key: Key) => void {
    const entry = new NumberEntry(() => this.view.model.highestNumber, {
      typing: (digits) => this.view.say(digits ? `skip item ${digits}… (Enter to skip, Esc to clear)` : ''),
      choose: (number) => this.skip(number),
    });
    return (key) => {
      if (entry.key(key.name, key.sequence)) return;
      if (key.name === 'c') this.cancel();
    };
  }

  private skip(number: number): void {
    const item = this.view.model.skippable(number);
    if (!item) return this.view.say(`item ${number} cannot be skipped now`);
    this.client.request(SkipItem, { sessionId: this.sessionId, clsid: item.clsid, itemId: item.itemId }).then(
      ({ hr }) => {
        if (hr !== HResult.S_OK) return this.view.say(`${printable(item.name)} cannot be skipped now`);
        this.view.model.markSkipRequested(item.clsid, item.itemId);
        this.view.say(`skipping ${printable(item.name)}`);
      },
      (error: Error) => this.view.say(`cannot skip ${printable(item.name)}: ${error.message}`),
    );
  }
}
