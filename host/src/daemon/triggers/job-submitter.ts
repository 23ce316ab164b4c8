import type { Guid, SessionEventName, SessionSummary } from '@syncmgr/protocol';

/**
 * What the triggers ask of the daemon's session jobs. Declared here, not imported, so that the
 * triggers build and test without the daemon core: its SessionJobs is assignable to this.
 */
export interface JobRequest {
  event: SessionEventName;
  clsids?: Guid[];
  itemIds?: Guid[];
  cookie?: string;
  /** True for sessions a trigger started: their failures count towards quarantine. */
  triggered: boolean;
}

export interface JobSubmitter {
  /** Queues or starts the session and says which it is, before it runs. */
  submit(request: JobRequest): Promise<SessionSummary>;
  /** Resolves when that session has finished or been interrupted. */
  finished(sessionId: string): Promise<SessionSummary>;
  /** Cancels every queued and running session of that event (idle, when the user is back); how many it cancelled. */
  cancelEvent(event: SessionEventName): number;
}
