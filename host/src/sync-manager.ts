import { DEFAULT_MAX_MESSAGE_BYTES, SyncMgrFlag, type Guid, type SyncMgrHandlerInfo } from '@syncmgr/protocol';
import { ensureHome, resolveHome, type HomePaths } from './home.js';
import { Registry } from './registry/registry.js';
import type { RegistryEntry } from './registry/registry-entry.js';
import type { Enumeration } from './session/enumeration.js';
import { HandlerRun } from './session/handler-run.js';
import type { HandlerReport, SessionReport } from './session/report.js';
import { Session, type SessionOptions, DEFAULT_HANG_TIMEOUT_SECONDS, DEFAULT_START_TIMEOUT_SECONDS } from './session/session.js';
import { entryWantsEvent } from './session/sync-event.js';
import { MessageValidator } from './transport/message-validator.js';
import { typedEmitterClass } from './util/typed-emitter.js';

export interface SyncManagerOptions {
  /** The state folder; default $SYNCMGR_HOME, else $XDG_CONFIG_HOME/syncmgr, else ~/.config/syncmgr. */
  home?: string;
  maxMessageBytes?: number;
}

export interface CreateSessionOptions extends SessionOptions {
  /** Only these handlers (class IDs in any spelling); otherwise every handler the event applies to. */
  handlers?: readonly string[];
}

/** What `syncmgr items` shows: a settings instance's handler info and items. */
export interface HandlerInspection {
  entry: RegistryEntry;
  report: HandlerReport;
  handlerInfo?: SyncMgrHandlerInfo;
  enumeration?: Enumeration;
}

export type SyncManagerEvents = {
  /** A session was created; subscribe to its events before it runs. */
  session: (session: Session) => void;
};

/**
 * The host as a library: the registry (ISyncMgrRegister), sessions (ISyncMgrSynchronizeInvoke)
 * and typed events. The CLI is one client; a daemon or a dashboard can be others.
 */
export class SyncManager extends typedEmitterClass<SyncManagerEvents>() {
  readonly home: HomePaths;
  readonly registry: Registry;
  private validator: MessageValidator | undefined;
  private readonly maxMessageBytes: number;

  constructor(options: SyncManagerOptions = {}) {
    super();
    this.home = resolveHome(options.home);
    this.registry = new Registry(this.home);
    this.maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  }

  /** A session over the chosen handlers; call run() on it after subscribing to its events. */
  async createSession(options: CreateSessionOptions = {}): Promise<Session> {
    await ensureHome(this.home);
    const entries = await this.selectEntries(options);
    const session = new Session(entries, options, this.sessionDependencies());
    this.emit('session', session);
    return session;
  }

  /** Creates and runs a session. */
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

  /** Starts a handler as a settings instance: handler info and every item, nothing synchronized. */
  async inspect(clsid: string, timeouts: Pick<SessionOptions, 'startTimeoutSeconds' | 'hangTimeoutSeconds'> = {}): Promise<HandlerInspection> {
    await ensureHome(this.home);
    const entry = await this.registry.get(clsid);
    const run = new HandlerRun({
      sessionId: `inspect-${process.pid}-${Date.now()}`,
      entry,
      syncMgrFlags: SyncMgrFlag.SYNCMGRFLAG_MANUAL | SyncMgrFlag.SYNCMGRFLAG_SETTINGS,
      startTimeoutMs: 1000 * (timeouts.startTimeoutSeconds ?? entry.startTimeoutSeconds ?? DEFAULT_START_TIMEOUT_SECONDS),
      hangTimeoutMs: 1000 * (timeouts.hangTimeoutSeconds ?? entry.hangTimeoutSeconds ?? DEFAULT_HANG_TIMEOUT_SECONDS),
      ...this.sessionDependencies(),
      selectItems: () => new Set(),
      emit: () => undefined,
    });
    return { entry, ...(await run.inspect()) };
  }

  private sessionDependencies() {
    // Compiling the schema costs time that list and register do not need to pay.
    this.validator ??= new MessageValidator();
    return { validator: this.validator, logsDir: this.home.logs, maxMessageBytes: this.maxMessageBytes };
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
