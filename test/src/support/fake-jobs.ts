import type { SessionEventName, SessionSummary } from '@syncmgr/protocol';
import type { JobRequest, JobSubmitter } from '@syncmgr/host/internal/daemon/triggers/job-submitter.js';
import { deferred } from './deferred.js';

/** A JobSubmitter that records what it is asked; each session ends when the test says. */
export class FakeJobs implements JobSubmitter {
  readonly submitted: JobRequest[] = [];
  readonly cancelled: SessionEventName[] = [];
  private readonly endings = new Map<string, ReturnType<typeof deferred<SessionSummary>>>();

  submit(request: JobRequest): Promise<SessionSummary> {
    this.submitted.push(request);
    const summary: SessionSummary = {
      sessionId: `session-${this.submitted.length}`,
      event: request.event,
      state: 'running',
      clsids: request.clsids ?? [],
      queuedAt: new Date(0).toISOString(),
    };
    this.endings.set(summary.sessionId, deferred<SessionSummary>());
    return Promise.resolve(summary);
  }

  finished(sessionId: string): Promise<SessionSummary> {
    const ending = this.endings.get(sessionId);
    return ending ? ending.promise : Promise.reject(new Error(`no session ${sessionId}`));
  }

  /** Cancels as many sessions as `cancelling` says (default one). */
  cancelling = 1;
  cancelEvent(event: SessionEventName): number {
    this.cancelled.push(event);
    return this.cancelling;
  }

  /** Ends a session as finished. */
  end(sessionId: string): void {
    this.endings.get(sessionId)?.resolve({ sessionId, event: 'pendingdisconnect', state: 'finished', clsids: [], queuedAt: new Date(0).toISOString() });
  }
}
