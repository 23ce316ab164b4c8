import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SyncManager, type ItemState, type Session, type SessionReport } from '@syncmgr/host';

/** A SyncManager on a throwaway home with the given handlers registered; dispose() removes it. */
export async function benchManager(handlers: { script: string; env?: Record<string, string>; count?: number; nodeArgs?: string[] }[]) {
  const home = await mkdtemp(path.join(os.tmpdir(), 'syncmgr-bench-'));
  const manager = new SyncManager({ home });
  for (const { script, env = {}, count = 1, nodeArgs = [] } of handlers) {
    for (let i = 0; i < count; i++) {
      await manager.registry.register({ clsid: randomUUID(), name: `bench ${i}`, command: [process.execPath, ...nodeArgs, script], env, events: [] });
    }
  }
  return { manager, home, dispose: () => rm(home, { recursive: true, force: true }) };
}

/** A figure from a session that failed would measure the failure: stop the run instead. */
export function assertSucceeded(report: SessionReport): SessionReport {
  const failed = report.handlers.filter((h) => h.result !== 'succeeded');
  if (failed.length > 0) throw new Error(`${failed.length} of ${report.handlers.length} handlers did not succeed: ${failed[0]!.reason ?? failed[0]!.result}`);
  return report;
}

/** Milliseconds from "sync requested" to the first handler's handshake answered; the session then runs out. */
export async function hostColdStart(manager: SyncManager): Promise<number> {
  const started = performance.now();
  const session: Session = await manager.createSession();
  let answered = 0;
  session.on('handlerPhase', (_h, phase) => phase === 'initialize' && !answered && (answered = performance.now()));
  assertSucceeded(await session.run());
  return answered - started;
}

/** Milliseconds for a whole session. */
export async function hostSession(manager: SyncManager): Promise<number> {
  const started = performance.now();
  const report = await manager.sync();
  const ms = performance.now() - started;
  assertSucceeded(report);
  return ms;
}

/** What the host received of one session's progress: each item's last state, and how many Progress messages it applied. */
export interface HostProgress {
  lastStates: Map<string, ItemState>;
  /** itemProgress events after Synchronize began: one per Progress message the host applied. */
  messages: number;
}

/** Like hostSession, following the progress of the handler named `ownName` (the SDK's handlerName). */
export async function hostSessionWithProgress(manager: SyncManager, ownName = 'bench (SDK)'): Promise<{ ms: number; progress: HostProgress }> {
  const started = performance.now();
  const session = await manager.createSession();
  const progress: HostProgress = { lastStates: new Map(), messages: 0 };
  let synchronizing = false;
  session.on('handlerPhase', (h, phase) => h.ownName === ownName && phase === 'synchronize' && (synchronizing = true));
  session.on('itemProgress', (h, item) => {
    if (h.ownName !== ownName) return;
    progress.lastStates.set(item.itemId, item);
    if (synchronizing) progress.messages++;
  });
  assertSucceeded(await session.run());
  return { ms: performance.now() - started, progress };
}
