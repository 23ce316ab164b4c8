import type { SessionEventName, SessionSummary } from '@syncmgr/protocol';
import type { JobRequest } from '../session-jobs.js';

export type { JobRequest } from '../session-jobs.js';

/** What the triggers ask of the daemon's session jobs (SessionJobs): small, so that tests can fake it. */
export interface JobSubmitter {
  /** Queues or starts the session and says which it is, before it runs. */
  submit(request: JobRequest): Promise<SessionSummary>;
  /** Resolves when that session has finished or been interrupted. */
  finished(sessionId: string): Promise<SessionSummary>;
  /** Cancels every queued and running session of that event (idle, when the user is back); how many it cancelled. */
  cancelEvent(event: SessionEventName): number;
}
