// A stand-in for the daemon's API until the real daemon is merged: daemon/status, sessions/list,
// sessions/report and events/subscribe over any vscode-jsonrpc connection, with a numbered event log.
import { mkdir, rm } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import {
  AnswerPrompt,
  CancelSession,
  UpdateAll,
  UpdateItems,
  type AnswerPromptParams,
  type SessionReport,
  DaemonStatus,
  EventNotification,
  GetSessionReport,
  ListSessions,
  Subscribe,
  type DaemonEvent,
  type DaemonEventBody,
  type DaemonStatusResult,
  type SessionSummary,
} from '@syncmgr/protocol';

export class DaemonStandIn {
  readonly events: DaemonEvent[] = [];
  readonly sessions: SessionSummary[] = [];
  private readonly subscribed = new Set<MessageConnection>();
  private readonly sockets = new Set<net.Socket>();
  private server: net.Server | undefined;
  private waiters: { count: number; resolve: () => void }[] = [];
  /** How many events/subscribe requests were served, in all. */
  subscribes = 0;
  /** Final reports by session ID, for sessions/report. */
  readonly reports = new Map<string, SessionReport>();
  readonly answers: AnswerPromptParams[] = [];
  readonly cancels: string[] = [];
  /** What invoke/updateAll and invoke/updateItems do after answering with a new session ID (the test scripts it). */
  onInvoke: (sessionId: string) => void = () => {};
  /** What prompts/answer does after recording the answer. */
  onAnswer: (answer: AnswerPromptParams) => void = () => {};

  constructor(
    readonly socketPath: string,
    readonly startedAt = new Date().toISOString(),
  ) {}

  status(): DaemonStatusResult {
    return {
      pid: process.pid,
      version: 'stand-in',
      home: '/stand-in',
      startedAt: this.startedAt,
      socket: this.socketPath,
      running: this.sessions.filter((s) => s.state === 'running'),
      queued: this.sessions.filter((s) => s.state === 'queued'),
      quarantined: [],
      prompts: [],
    };
  }

  /** Sets up the API's handlers on one connection, as the core's attach does; the endpoint listens. */
  attach = (connection: MessageConnection): void => {
    connection.onRequest(DaemonStatus.type, () => this.status());
    connection.onRequest(ListSessions.type, () => ({ sessions: this.sessions }));
    connection.onRequest(GetSessionReport.type, ({ sessionId }) => {
      const report = this.reports.get(sessionId);
      return { session: this.sessions.find((s) => s.sessionId === sessionId)!, ...(report ? { report } : {}) };
    });
    const invoke = () => {
      const sessionId = `d${this.sessions.length + 1}`;
      this.sessions.push(sessionSummary(sessionId, 'running'));
      setImmediate(() => this.onInvoke(sessionId));
      return { hr: 0, sessionId };
    };
    connection.onRequest(UpdateAll.type, invoke);
    connection.onRequest(UpdateItems.type, invoke);
    connection.onRequest(AnswerPrompt.type, (answer) => {
      this.answers.push(answer);
      setImmediate(() => this.onAnswer(answer));
      return { hr: 0 };
    });
    connection.onRequest(CancelSession.type, ({ sessionId }) => {
      this.cancels.push(sessionId);
      return { hr: 0 };
    });
    connection.onRequest(Subscribe.type, ({ after }) => {
      // Replay what was missed, then stream: notifications are sent in order after the answer is queued.
      const last = this.events.length;
      const replay = after === undefined ? [] : this.events.slice(after);
      setImmediate(() => {
        for (const event of replay) void connection.sendNotification(EventNotification.type, event);
        this.subscribed.add(connection);
        this.subscribes += 1;
        this.release();
      });
      return { last, complete: true };
    });
    connection.onClose(() => this.subscribed.delete(connection));
  };

  /** Listens on the socket path (its folder made 0700). */
  async listen(): Promise<void> {
    await mkdir(path.dirname(this.socketPath), { recursive: true, mode: 0o700 });
    await rm(this.socketPath, { force: true });
    this.server = net.createServer((socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      const connection = createMessageConnection(new StreamMessageReader(socket), new StreamMessageWriter(socket));
      this.attach(connection);
      connection.listen();
    });
    await new Promise<void>((resolve) => this.server!.listen(this.socketPath, resolve));
  }

  /** Appends an event (seq from 1) and sends it to every subscriber. */
  emit(body: DaemonEventBody, sessionId?: string): DaemonEvent {
    const event: DaemonEvent = { seq: this.events.length + 1, at: new Date().toISOString(), ...(sessionId ? { sessionId } : {}), body };
    this.events.push(event);
    for (const connection of this.subscribed) void connection.sendNotification(EventNotification.type, event).catch(() => undefined);
    return event;
  }

  /** Resolves once events/subscribe has been served `count` times in all. */
  subscribedTimes(count: number): Promise<void> {
    return new Promise((resolve) => {
      this.waiters.push({ count, resolve });
      this.release();
    });
  }

  /** Cuts every client off, as a daemon that dies would; the server keeps listening. */
  dropClients(): void {
    this.subscribed.clear();
    for (const socket of this.sockets) socket.destroy();
  }

  async close(): Promise<void> {
    this.dropClients();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private release(): void {
    this.waiters = this.waiters.filter((w) => (this.subscribes >= w.count ? (w.resolve(), false) : true));
  }
}

export function sessionSummary(sessionId: string, state: SessionSummary['state']): SessionSummary {
  return { sessionId, event: 'invoke', state, clsids: ['{6A1D0C5E-3F42-4E0B-9D55-0C7B1A2E9F10}'], queuedAt: new Date().toISOString() };
}
