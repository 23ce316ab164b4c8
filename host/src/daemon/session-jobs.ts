import type { DaemonEventBody, Guid, HandlerRef, HResultValue, ItemState, SessionEventName, SessionSummary } from '@syncmgr/protocol';
import { HResult } from '@syncmgr/protocol';
import { HostError } from '../errors.js';
import { sessionSucceeded, type SessionReport } from '../report.js';
import type { Session } from '../session/session.js';
import type { SyncManager } from '../sync-manager.js';
import { typedEmitterClass } from '../util/typed-emitter.js';
import type { DaemonPrompts } from './daemon-prompts.js';
import { sessionEventNameOf, syncEventOf } from './event-names.js';
import type { Quarantine } from './quarantine.js';
import type { JournalJob, SessionJournal } from './session-journal.js';
import { LiveItems } from './live-items.js';

/** What a client, or a trigger, asks the daemon to run. */
export interface JobRequest {
  event: SessionEventName;
  /** Only these handlers; otherwise those the event applies to. */
  clsids?: Guid[];
  /** Only these items; otherwise the items chosen for the event. */
  itemIds?: Guid[];
  /** UpdateItems' cookie (base64). */
  cookie?: string;
  /** Started by a trigger (schedule, connect, idle…), not a person: counts toward quarantine and skips quarantined handlers. */
  triggered: boolean;
}

/** How long a finished attended session keeps handlers with actionable log entries for log/showError. */
export const HOLD_FOR_ERRORS_MS = 5 * 60 * 1000;

interface Job {
  summary: SessionSummary;
  request: JobRequest;
  session: Session;
  names: Record<string, string>;
  live: LiveItems;
  over: Promise<SessionSummary>;
  settle: (summary: SessionSummary) => void;
}

type SessionJobsEvents = {
  /** Something for the event log. */
  event: (body: DaemonEventBody, sessionId: string | undefined) => void;
};

/**
 * Sessions as jobs: each has the ID of its Session, a state and a report. One session per handler
 * at a time: a request whose handlers are all free starts now; otherwise it waits in order behind
 * the jobs that hold or wait for any of them. A request for the same event, handlers, items and
 * cookie as a job still queued joins it instead of queueing again (SyncMgr merged invocations that
 * came while its dialog was busy): both callers get the same session ID.
 */
export class SessionJobs extends typedEmitterClass<SessionJobsEvents>() {
  private readonly active = new Map<string, Job>(); // queued and running, in the order asked
  private readonly over: SessionSummary[] = []; // finished and interrupted, oldest first
  private readonly held = new Map<string, { session: Session; timer: NodeJS.Timeout }>();
  private readonly busy = new Set<Guid>();
  private stopping = false;

  constructor(
    private readonly manager: SyncManager,
    private readonly journal: SessionJournal,
    private readonly quarantine: Quarantine,
    private readonly prompts: DaemonPrompts,
    private readonly keepOver: number = 1000,
  ) {
    super();
  }

  /** Lists what results/ and the journal hold from before this daemon (call once, at start). */
  async load(): Promise<void> {
    const interrupted = new Map(this.journal.interrupted.map((s) => [s.sessionId, s]));
    for (const report of await this.manager.results.loadAll()) this.remember(interrupted.get(report.sessionId) ?? summaryOf(report));
  }

  /**
   * Starts the request's session, or queues it, or joins it to an equal queued one; answers at once
   * (before the session runs) with its summary. HostError INVALID_CLSID / UNKNOWN_CLSID for a
   * handler that is not registered, as createSession says.
   */
  async submit(request: JobRequest): Promise<SessionSummary> {
    if (this.stopping) throw new HostError('USAGE', 'the daemon is stopping: it starts no more sessions');
    let session = await this.create(request, request.clsids);
    // A person asked for these handlers: that lifts their quarantine (as `syncmgr reset` would).
    if (!request.triggered) for (const { clsid } of session.handlers) await this.lift(clsid);
    if (request.triggered) {
      const free = session.handlers.map((h) => h.clsid).filter((clsid) => !this.quarantine.isQuarantined(clsid));
      if (free.length === 0 && session.handlers.length > 0) {
        throw new HostError('QUARANTINED', `every handler of this ${request.event} session is quarantined: \`syncmgr reset CLSID\` lifts it`);
      }
      if (free.length < session.handlers.length) session = await this.create(request, free);
    }
    const clsids = session.handlers.map((h) => h.clsid);
    const joined = [...this.active.values()].find((job) => job.summary.state === 'queued' && sameRequest(job, request, clsids));
    if (joined) return { ...joined.summary };
    const job = this.track(session, request, clsids);
    this.emit('event', { kind: 'sessionQueued', session: { ...job.summary } }, job.summary.sessionId);
    this.pump();
    await this.saveJournal();
    return { ...job.summary };
  }

  /** Resolves when the session is over (finished or interrupted). HostError USAGE for an unknown session. */
  finished(sessionId: string): Promise<SessionSummary> {
    const job = this.active.get(sessionId);
    if (job) return job.over;
    const done = this.over.find((s) => s.sessionId === sessionId);
    if (done) return Promise.resolve({ ...done });
    return Promise.reject(new HostError('USAGE', `the daemon has no session ${sessionId}`));
  }

  /** Every session known: queued and running first (in order asked), then the others, newest first. */
  list(): SessionSummary[] {
    return [...[...this.active.values()].map((job) => ({ ...job.summary })), ...[...this.over].reverse().map((s) => ({ ...s }))];
  }

  /** One session's summary, or undefined. */
  get(sessionId: string): SessionSummary | undefined {
    const job = this.active.get(sessionId);
    return job ? { ...job.summary } : this.over.find((s) => s.sessionId === sessionId);
  }

  /** A running session's live item states, by handler. */
  liveItems(sessionId: string): ReturnType<LiveItems['byHandler']> | undefined {
    const job = this.active.get(sessionId);
    return job?.summary.state === 'running' ? job.live.byHandler() : undefined;
  }

  /** The Session of a job running now or held for showError. */
  sessionOf(sessionId: string): Session | undefined {
    return this.active.get(sessionId)?.session ?? this.held.get(sessionId)?.session;
  }

  /** Stops a running session, or drops a queued one; S_FALSE when it is over. HostError USAGE for an unknown one. */
  cancel(sessionId: string): HResultValue {
    const job = this.active.get(sessionId);
    if (!job) {
      if (this.get(sessionId)) return HResult.S_FALSE;
      throw new HostError('USAGE', `the daemon has no session ${sessionId}`);
    }
    if (job.summary.state === 'running') job.session.cancel();
    else this.drop(job, 'cancelled before it started');
    return HResult.S_OK;
  }

  /** Cancels every running and queued job of that event (idle ended: its sessions stop, as SyncMgr's did). */
  cancelEvent(event: SessionEventName): number {
    const jobs = [...this.active.values()].filter((job) => job.summary.event === event);
    for (const job of jobs) this.cancel(job.summary.sessionId);
    return jobs.length;
  }

  /** Drops the queue and ends what runs; resolves once every running job is over. */
  async stop(): Promise<void> {
    this.stopping = true;
    const running = [...this.active.values()];
    for (const job of running) {
      if (job.summary.state === 'queued') this.drop(job, 'the daemon stopped before it started');
      else job.session.cancel();
    }
    await Promise.all(running.map((job) => job.over));
    await Promise.all([...this.held.keys()].map((id) => this.release(id)));
    await this.saveJournal();
  }

  /** Lifts a handler's quarantine (manual sync, handlers/reset); true when it was quarantined. */
  async lift(clsid: Guid): Promise<boolean> {
    const was = await this.quarantine.release(clsid);
    if (was) this.emit('event', { kind: 'released', clsid, reasons: [] }, undefined);
    return was;
  }

  private async create(request: JobRequest, clsids: Guid[] | undefined): Promise<Session> {
    const event = syncEventOf(request.event);
    const attended = event === 'manual' || event === 'invoke';
    // The session's ID is known only once it exists; its prompts need it, and come later.
    const self = { id: '' };
    const prompts = this.prompts;
    const session = await this.manager.createSession({
      event,
      ...(clsids ? { handlers: clsids } : {}),
      ...(request.itemIds ? { items: request.itemIds } : {}),
      ...(request.cookie !== undefined ? { cookie: request.cookie } : {}),
      userInterface: { prompt: (prompt, signal) => prompts.forSession(self.id).prompt(prompt, signal) },
      holdForErrors: attended,
    });
    self.id = session.id;
    return session;
  }

  private track(session: Session, request: JobRequest, clsids: Guid[]): Job {
    let settle!: (summary: SessionSummary) => void;
    const over = new Promise<SessionSummary>((resolve) => (settle = resolve));
    const summary: SessionSummary = { sessionId: session.id, event: request.event, state: 'queued', clsids, queuedAt: new Date().toISOString() };
    const names = Object.fromEntries(session.handlers.map((h) => [h.clsid, h.name]));
    const job: Job = { summary, request, session, names, live: new LiveItems(), over, settle };
    this.active.set(session.id, job);
    return job;
  }

  // Starts each queued job whose handlers are free, in order: a later job never overtakes an
  // earlier one for the same handler.
  private pump(): void {
    const wanted = new Set<Guid>();
    for (const job of this.active.values()) {
      if (job.summary.state !== 'queued') continue;
      const blocked = job.summary.clsids.some((clsid) => this.busy.has(clsid) || wanted.has(clsid));
      job.summary.clsids.forEach((clsid) => wanted.add(clsid));
      if (!blocked) void this.start(job);
    }
  }

  private async start(job: Job): Promise<void> {
    const { summary, session } = job;
    summary.clsids.forEach((clsid) => this.busy.add(clsid));
    summary.state = 'running';
    summary.startedAt = new Date().toISOString();
    this.emit('event', { kind: 'sessionStarted', session: { ...summary } }, summary.sessionId);
    let report: SessionReport | undefined;
    let failure: string | undefined;
    try {
      // A handler of this job may still be held by an earlier session for showError: end that one first.
      await Promise.all(
        [...this.held.entries()].filter(([, h]) => h.session.handlers.some((r) => summary.clsids.includes(r.clsid))).map(([id]) => this.release(id)),
      );
      await this.saveJournal();
      this.forward(job);
      report = await session.run();
    } catch (error) {
      failure = (error as Error).message;
    }
    // Handlers with actionable entries stay for log/showError a while; the others are already gone.
    if (report && session.actionableEntries().length > 0) this.hold(session);
    await this.finish(job, report, failure);
  }

  private async finish(job: Job, report: SessionReport | undefined, failure: string | undefined): Promise<void> {
    const { summary } = job;
    summary.clsids.forEach((clsid) => this.busy.delete(clsid));
    summary.state = 'finished';
    summary.finishedAt = new Date().toISOString();
    const failed = report?.handlers.filter((h) => h.result === 'failed') ?? [];
    summary.succeeded = report !== undefined && sessionSucceeded(report);
    const reason = failure ?? failed.map((h) => `${h.name}: ${h.reason ?? 'failed'}`).join('; ');
    if (reason) summary.reason = reason;
    if (job.request.triggered) await this.countFailures(failed);
    this.retire(job);
    this.emit('event', { kind: 'sessionFinished', session: { ...summary } }, summary.sessionId);
    this.pump();
    await this.saveJournal();
  }

  private async countFailures(failed: SessionReport['handlers']): Promise<void> {
    for (const handler of failed) {
      const reason = handler.reason ?? 'failed';
      const quarantined = await this.quarantine.failed(handler.clsid, handler.name, reason).catch(() => false);
      if (quarantined) this.emit('event', { kind: 'quarantined', clsid: handler.clsid, reasons: this.quarantine.reasonsOf(handler.clsid) }, undefined);
    }
  }

  private drop(job: Job, reason: string): void {
    Object.assign(job.summary, { state: 'finished', finishedAt: new Date().toISOString(), reason, succeeded: false });
    this.retire(job);
    this.emit('event', { kind: 'sessionFinished', session: { ...job.summary } }, job.summary.sessionId);
    this.pump();
    void this.saveJournal().catch(() => undefined);
  }

  private retire(job: Job): void {
    this.active.delete(job.summary.sessionId);
    this.remember(job.summary);
    job.settle({ ...job.summary });
  }

  private remember(summary: SessionSummary): void {
    this.over.push(summary);
    if (this.over.length > this.keepOver) this.over.splice(0, this.over.length - this.keepOver);
  }

  // The session's own events, as the daemon's numbered ones.
  private forward(job: Job): void {
    const id = job.summary.sessionId;
    const { session } = job;
    session.on('handlerPhase', (handler, phase) => this.emit('event', { kind: 'handlerPhase', handler, phase }, id));
    const progressed = (handler: HandlerRef, item: ItemState) => {
      job.live.update(handler, item);
      this.emit('event', { kind: 'itemProgress', handler, item }, id);
    };
    session.on('itemProgress', progressed);
    // A selected item is pending from its listing on: clients show it before it begins.
    session.on('itemsListed', (handler, items, selected) => {
      for (const item of items) if (selected.has(item.itemId)) progressed(handler, { itemId: item.itemId, name: item.itemName, status: 'pending' });
    });
    session.on('log', (handler, entry) => this.emit('event', { kind: 'log', handler, entry }, id));
    session.on('warning', (text) => this.emit('event', { kind: 'warning', sessionId: id, text }, id));
  }

  private hold(session: Session): void {
    const timer = setTimeout(() => void this.release(session.id), HOLD_FOR_ERRORS_MS);
    timer.unref();
    this.held.set(session.id, { session, timer });
  }

  private async release(sessionId: string): Promise<void> {
    const held = this.held.get(sessionId);
    if (!held) return;
    this.held.delete(sessionId);
    clearTimeout(held.timer);
    await held.session.close().catch(() => undefined);
  }

  private saveJournal(): Promise<void> {
    const jobs: JournalJob[] = [...this.active.values()].map((job) => ({ summary: { ...job.summary }, names: job.names }));
    return this.journal.update(jobs);
  }
}

function sameRequest(job: Job, request: JobRequest, clsids: Guid[]): boolean {
  const same = (a: readonly string[] | undefined, b: readonly string[] | undefined) =>
    (a === undefined && b === undefined) || (a !== undefined && b !== undefined && [...a].sort().join() === [...b].sort().join());
  return (
    job.request.event === request.event &&
    job.request.triggered === request.triggered &&
    job.request.cookie === request.cookie &&
    same(job.summary.clsids, clsids) &&
    same(job.request.itemIds, request.itemIds)
  );
}

/** A finished session's summary, from its saved report. */
export function summaryOf(report: SessionReport): SessionSummary {
  const failed = report.handlers.filter((h) => h.result === 'failed');
  const reason = failed.map((h) => `${h.name}: ${h.reason ?? 'failed'}`).join('; ');
  return {
    sessionId: report.sessionId,
    event: sessionEventNameOf(report.event),
    state: 'finished',
    clsids: report.handlers.map((h) => h.clsid),
    queuedAt: report.startedAt,
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
    succeeded: sessionSucceeded(report),
    ...(reason ? { reason } : {}),
  };
}
