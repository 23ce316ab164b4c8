import type { Guid, SyncMgrItem } from '@syncmgr/protocol';
import { HostError } from './errors.js';
import { resolveHome, type HomePaths } from './store/home.js';
import { DEFAULT_LIMITS, type HostLimits } from './limits.js';
import { sweepOrphans, type LeftoverProcess } from './process/leftover-sweep.js';
import { runCommand } from './process/run-command.js';
import { Registry } from './registry/registry.js';
import { entryWantsEvent, type RegistryEntry } from './registry/registry-entry.js';
import { ConnectionLeases } from './session/connection-leases.js';
import { DEFAULT_MODELESS_DEADLINE_SECONDS, ModelessToken } from './session/modeless-token.js';
import type { HandlerReport, SessionReport } from './report.js';
import { DEFAULT_HANG_TIMEOUT_SECONDS, DEFAULT_START_TIMEOUT_SECONDS, Session, type SessionOptions } from './session/session.js';
import { HandlerSettings, type PropertiesOutcome, type SettingsOutcome } from './session/handler-settings.js';
import type { SyncEvent } from './sync-event.js';
import type { UserInterface } from './session/user-interface.js';
import { ChoiceStore } from './store/choice-store.js';
import { readHostConfig } from './store/host-config.js';
import { ResultsStore } from './store/results-store.js';
import { checkState, reviewState, stateChecks, type StateFileStatus } from './store/state-review.js';
import { MessageValidator } from './transport/message-validator.js';
import { timeoutMs } from './timeouts.js';
import { Postponed } from './util/postponed.js';
import { typedEmitterClass } from './util/typed-emitter.js';

/** How a SyncManager is set up; every field is optional. */
export interface SyncManagerOptions {
  /** The folder of all state; default $SYNCMGR_HOME, else the XDG base directories (see resolveHome). */
  home?: string;
  /** Overrides of the per-handler limits (DEFAULT_LIMITS). */
  limits?: Partial<HostLimits>;
  /** How many session reports <home>/results keeps, newest first (default DEFAULT_KEPT_RESULTS, 1000). */
  keepResults?: number;
  /**
   * How long a handler may hold the EnableModeless token, in seconds, before the host takes it back
   * and grants the next waiter; default DEFAULT_MODELESS_DEADLINE_SECONDS (120); 0 means no deadline.
   * A session's own modelessDeadlineSeconds overrides it.
   */
  modelessDeadlineSeconds?: number;
}

export interface CreateSessionOptions extends SessionOptions {
  /** Only these handlers (class IDs in any spelling); otherwise every handler the event applies to. */
  handlers?: readonly string[];
}

/** How long a settings instance may take, and who may be asked during properties. */
export interface SettingsOptions {
  /** Seconds to answer the handshake; default the entry's, else DEFAULT_START_TIMEOUT_SECONDS (30); 0 means none. */
  startTimeoutSeconds?: number;
  /** Seconds a call may go unanswered; default the entry's, else DEFAULT_HANG_TIMEOUT_SECONDS (60); 0 means none. */
  hangTimeoutSeconds?: number;
  /** The user the handler may ask during showProperties; without one it may not show UI. */
  userInterface?: UserInterface;
}

/** What doctor found for one entry. */
export interface DoctorResult {
  /** The entry checked. */
  entry: RegistryEntry;
  /** 'succeeded' when it started and answered the handshake, else 'failed' with the fault. */
  report: HandlerReport;
}

/** What showProperties did, with the entry it was started from. */
export interface PropertiesResult extends PropertiesOutcome {
  /** The registry entry the instance was started from. */
  entry: RegistryEntry;
}

/** An item with whether it is checked for the event. */
export type CheckedItem = SyncMgrItem & {
  /** True when the event's sessions synchronize it. */
  checked: boolean;
};

/** What chooseItems returns: the inspection, each item with its checked state. */
export interface ItemChoicesResult extends HandlerInspection {
  /** Every listed item, checked or not. */
  items: CheckedItem[];
}

/** A settings instance's handler info and items, with the entry it was started from. */
export interface HandlerInspection extends SettingsOutcome {
  /** The registry entry the instance was started from. */
  entry: RegistryEntry;
}

/** What a SyncManager emits. */
export type SyncManagerEvents = {
  /** A session was created; subscribe to its events before it runs. */
  session: (session: Session) => void;
  /** A session's report could not be saved under <home>/results (HostError STATE_IO; its cause is the system's error). */
  resultsNotSaved: (sessionId: string, error: HostError) => void;
  /**
   * During a session, before its report: processes started by a syncmgr host that has died (their
   * SYNCMGR_HOST_PID is gone) were found still running and ended. Linux only.
   */
  orphansEnded: (processes: LeftoverProcess[]) => void;
};

/**
 * The host as a library: the registry (ISyncMgrRegister), sessions (ISyncMgrSynchronizeInvoke),
 * item choices, properties, and every session's results. The CLI is one client; a daemon or a
 * dashboard can be others.
 */
export class SyncManager extends typedEmitterClass<SyncManagerEvents>() {
  /** Where its state is kept. */
  readonly home: HomePaths;
  /** The registered handlers. */
  readonly registry: Registry;
  /** The user's item choices per event. */
  readonly choices: ChoiceStore;
  /** Every session's report. */
  readonly results: ResultsStore;
  private readonly validator = new MessageValidator();
  private readonly limits: HostLimits;
  private readonly modelessDeadlineSeconds: number;

  constructor(options: SyncManagerOptions = {}) {
    super();
    this.home = resolveHome(options.home);
    this.registry = new Registry(this.home);
    this.choices = new ChoiceStore(this.home);
    this.results = new ResultsStore(this.home, options.keepResults);
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.modelessDeadlineSeconds = options.modelessDeadlineSeconds ?? DEFAULT_MODELESS_DEADLINE_SECONDS;
    timeoutMs(this.modelessDeadlineSeconds, 'the EnableModeless deadline'); // refused now, not at the first session
  }

  /**
   * A session over the chosen handlers (options.handlers, else those the event applies to); call
   * run() on it after subscribing to its events. Emits 'session'. HostError INVALID_CLSID or
   * UNKNOWN_CLSID for a handler that is not a registered class ID; STATE_CORRUPT or HOME_UNWRITABLE
   * for a state file or folder that cannot be trusted or written (see checkState).
   */
  async createSession(options: CreateSessionOptions = {}): Promise<Session> {
    await this.checkState();
    const entries = await this.selectEntries(options);
    const orphans = new Postponed(() => this.endOrphans());
    const session = new Session(entries, options, {
      ...this.instanceDependencies(),
      choices: this.choices,
      connections: new ConnectionLeases(
        () => readHostConfig(this.home),
        (argv) => runCommand(argv),
      ),
      persist: async (report) => {
        await orphans.done(); // before any report is told
        await this.saveResults(report);
      },
      modelessDeadlineSeconds: this.modelessDeadlineSeconds,
    });
    // The sweep waits until a handler has answered the handshake: cold start pays nothing for it.
    // It cannot end this session's handlers, whose SYNCMGR_HOST_PID is this live host's.
    session.on('handlerPhase', (_handler, phase) => phase !== 'start' && phase !== 'handshake' && orphans.start());
    this.emit('session', session);
    return session;
  }

  /** Creates and runs a session; resolves to its report. */
  async sync(options: CreateSessionOptions = {}): Promise<SessionReport> {
    return (await this.createSession(options)).run();
  }

  /** ISyncMgrSynchronizeInvoke::UpdateItems: one handler, event INVOKE, the cookie passed verbatim. */
  async updateItems(clsid: string, cookie?: string): Promise<SessionReport> {
    return this.sync({ handlers: [clsid], event: 'invoke', ...(cookie !== undefined ? { cookie } : {}) });
  }

  /** ISyncMgrSynchronizeInvoke::UpdateAll: every handler. */
  async updateAll(): Promise<SessionReport> {
    return this.sync({ event: 'manual' });
  }

  /** Starts a handler as a settings instance: handler info and every item, nothing synchronized. HostError UNKNOWN_CLSID for an unregistered one. */
  async inspect(clsid: string, options: SettingsOptions = {}): Promise<HandlerInspection> {
    const entry = await this.registry.get(clsid);
    return { entry, ...(await this.settingsInstance(entry, options).inspect()) };
  }

  /** Each state file and folder a session reads, checked on its own: what `syncmgr doctor` shows first. */
  async reviewState(): Promise<StateFileStatus[]> {
    return reviewState(stateChecks(this.home, this));
  }

  /** Checks registry entries (all, or one) without syncing: the command can start and the handshake answers. */
  async doctor(clsid?: string, options: SettingsOptions = {}): Promise<DoctorResult[]> {
    const entries = clsid ? [await this.registry.get(clsid)] : await this.registry.list();
    return Promise.all(entries.map(async (entry) => ({ entry, report: await this.settingsInstance(entry, options).probe() })));
  }

  /**
   * ShowProperties on a settings instance (itemId undefined: the handler's own); re-enumerates when
   * told to, and forgets the choices of items that are gone.
   */
  async showProperties(clsid: string, itemId: Guid | undefined, options: SettingsOptions = {}): Promise<PropertiesResult> {
    const entry = await this.registry.get(clsid);
    const outcome = await this.settingsInstance(entry, options).showProperties(itemId);
    if (outcome.reenumerated && outcome.enumeration) {
      const now = new Set(outcome.reenumerated.items.map((i) => i.itemId));
      await this.choices.forget(
        entry.clsid,
        outcome.enumeration.items.map((i) => i.itemId).filter((id) => !now.has(id)),
      );
    }
    return { entry, ...outcome };
  }

  /**
   * The items of one handler with their checked state for an event, after applying and storing
   * changes (item ID → checked). HostError USAGE for an item the handler does not list.
   */
  async chooseItems(event: SyncEvent, clsid: string, changes: Record<Guid, boolean>, options: SettingsOptions = {}): Promise<ItemChoicesResult> {
    const inspection = await this.inspect(clsid, options);
    const items = inspection.enumeration?.items ?? [];
    const unknown = Object.keys(changes).filter((id) => !items.some((i) => i.itemId === id));
    if (unknown.length > 0) {
      throw new HostError('USAGE', `${inspection.entry.name} lists no item ${unknown.join(', ')}: see \`syncmgr items ${inspection.entry.clsid}\``);
    }
    const { clsid: id } = inspection.entry;
    await this.choices.choose(event, id, changes);
    const checked = inspection.enumeration ? await this.choices.reconcile(event, id, items, inspection.enumeration.missingItems) : new Set<Guid>();
    return { ...inspection, items: items.map((item) => ({ ...item, checked: checked.has(item.itemId) })) };
  }

  // The session turns a failed save into a warning; the event says it to clients in a typed way.
  private async saveResults(report: SessionReport): Promise<void> {
    try {
      await this.results.save(report);
    } catch (cause) {
      const error =
        cause instanceof HostError ? cause : new HostError('STATE_IO', `cannot save in ${this.home.results}: ${(cause as Error).message}`, { cause });
      this.emit('resultsNotSaved', report.sessionId, error);
      throw error;
    }
  }

  // A host killed outright could not end what its handlers left; the next one to start a session does.
  private async endOrphans(): Promise<void> {
    const orphans = await sweepOrphans();
    if (orphans.length > 0) this.emit('orphansEnded', orphans);
  }

  private settingsInstance(entry: RegistryEntry, options: SettingsOptions): HandlerSettings {
    return new HandlerSettings({
      sessionId: `settings-${crypto.randomUUID()}`,
      entry,
      startTimeoutMs: timeoutMs(options.startTimeoutSeconds ?? entry.startTimeoutSeconds ?? DEFAULT_START_TIMEOUT_SECONDS, 'the start timeout'),
      hangTimeoutMs: timeoutMs(options.hangTimeoutSeconds ?? entry.hangTimeoutSeconds ?? DEFAULT_HANG_TIMEOUT_SECONDS, 'the hang timeout'),
      ...this.instanceDependencies(),
      token: new ModelessToken(timeoutMs(this.modelessDeadlineSeconds, 'the EnableModeless deadline')),
      ...(options.userInterface ? { ui: options.userInterface } : {}),
      mayBotherUser: options.userInterface !== undefined,
      emit: () => undefined,
    });
  }

  // Every state file and folder a session uses, read before any handler is spawned: found corrupt
  // mid-session, it would fail handlers that had already started (and config.json only on request).
  private async checkState(): Promise<void> {
    await checkState(stateChecks(this.home, this));
  }

  private instanceDependencies() {
    return { validator: this.validator, logsDir: this.home.logs, limits: this.limits };
  }

  private async selectEntries(options: CreateSessionOptions): Promise<RegistryEntry[]> {
    if (options.handlers && options.handlers.length > 0) {
      const entries = await Promise.all(options.handlers.map((clsid) => this.registry.get(clsid)));
      return [...new Map(entries.map((e) => [e.clsid, e] as [Guid, RegistryEntry])).values()];
    }
    const event = options.event ?? 'manual';
    return (await this.registry.list()).filter((entry) => entryWantsEvent(entry, event));
  }
}
