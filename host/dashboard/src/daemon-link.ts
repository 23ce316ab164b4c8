import {
  DaemonStatus,
  GetSessionReport,
  ListHandlers,
  ListSchedules,
  ListSessions,
  Subscribe,
  type DaemonEvent,
  type SessionReportResult,
  type SessionSummary,
} from '@syncmgr/protocol';
import type { MessageConnection } from 'vscode-jsonrpc/browser';
import type { Store } from './store.js';
import { webSocketConnection } from './websocket-connection.js';

// The page's one connection to the daemon: opens the WebSocket with the CSRF subprotocol, subscribes
// to events first, then loads what it shows; on a drop it reconnects with backoff and resumes after
// the last event seen, reloading everything when the daemon no longer holds the events in between.

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 10_000;
/** The Results tab starts with the log of this many of the newest sessions. */
const SESSIONS_WITH_LOG = 20;

export class DaemonLink {
  private connection: MessageConnection | undefined;
  private everConnected = false;
  private retryMs = FIRST_RETRY_MS;
  private readonly waiters = new Set<(connection: MessageConnection) => void>();

  constructor(
    private readonly store: Store,
    private readonly csrf: string,
    private readonly onError: (message: string) => void,
  ) {}

  start(): void {
    const socket = new WebSocket(`ws://${location.host}/`, [`syncmgr.csrf.${this.csrf}`]);
    let opened = false;
    socket.addEventListener('open', () => {
      opened = true;
      void this.opened(socket);
    });
    socket.addEventListener('close', () => {
      this.connection?.dispose();
      this.connection = undefined;
      // A browser cannot see the 401 itself: a socket refused before it ever opened means the cookie is not (or no longer) good.
      if (!opened && !this.everConnected) {
        this.store.dispatch({ kind: 'connection', status: 'Signed out' });
        return;
      }
      this.store.dispatch({ kind: 'connection', status: 'Reconnecting…' });
      setTimeout(() => this.start(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
    });
  }

  /** The open connection, waiting for the next one while there is none. */
  ready(): Promise<MessageConnection> {
    if (this.connection) return Promise.resolve(this.connection);
    return new Promise((resolve) => this.waiters.add(resolve));
  }

  private async opened(socket: WebSocket): Promise<void> {
    // Events that arrive before the subscription's answer wait: only the answer says where they resume.
    let early: DaemonEvent[] | undefined = [];
    // The params of EventNotification, as the protocol declares them (events/event is the daemon's only notification).
    const onEvent = (params: unknown) => {
      const event = params as DaemonEvent;
      if (early) early.push(event);
      else this.store.receive(event);
    };
    const connection = webSocketConnection(socket, onEvent);
    connection.listen();
    try {
      const resumeAfter = this.everConnected ? this.store.lastSeq : undefined;
      const { last, complete } = await connection.sendRequest(Subscribe.type, resumeAfter === undefined ? {} : { after: resumeAfter });
      if (resumeAfter === undefined || !complete) this.store.resetSeq(last);
      const held = early;
      early = undefined;
      for (const event of held) this.store.receive(event);

      this.connection = connection;
      this.everConnected = true;
      this.retryMs = FIRST_RETRY_MS;
      this.store.dispatch({ kind: 'connection', status: 'Connected' });
      for (const waiter of this.waiters) waiter(connection);
      this.waiters.clear();
      if (resumeAfter === undefined || !complete) await this.loadAll(connection);
    } catch (error) {
      this.onError(messageOf(error));
    }
  }

  /** Everything the page shows, read afresh. */
  async loadAll(connection: MessageConnection): Promise<void> {
    const [status, list] = await Promise.all([connection.sendRequest(DaemonStatus.type, {}), connection.sendRequest(ListSessions.type, {})]);
    this.store.dispatch({ kind: 'sessions', sessions: list.sessions, quarantined: status.quarantined, prompts: status.prompts });
    await Promise.all([this.loadReports(connection, list.sessions), this.loadHandlers(connection), this.loadSchedules(connection)]);
  }

  async loadHandlers(connection: MessageConnection): Promise<void> {
    const { handlers } = await connection.sendRequest(ListHandlers.type, {});
    this.store.dispatch({ kind: 'handlers', handlers });
  }

  async loadSchedules(connection: MessageConnection): Promise<void> {
    const { schedules } = await connection.sendRequest(ListSchedules.type, {});
    this.store.dispatch({ kind: 'schedules', schedules });
  }

  // Running sessions' items live, and the log of the newest sessions for the Results tab.
  private async loadReports(connection: MessageConnection, sessions: SessionSummary[]): Promise<void> {
    const wanted = sessions.filter((s) => s.state !== 'queued').slice(0, SESSIONS_WITH_LOG);
    await Promise.all(wanted.map((s) => this.loadReport(connection, s.sessionId).catch(() => undefined)));
  }

  async loadReport(connection: MessageConnection, sessionId: string): Promise<SessionReportResult> {
    const result = await connection.sendRequest(GetSessionReport.type, { sessionId });
    this.store.dispatch({ kind: 'sessionReport', result });
    return result;
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
