import type { Guid } from '@syncmgr/protocol';
import { HandlerSdkError, ItemStoppedError } from './errors.js';
import type { HostContext, ItemContext, PhaseContext, ProgressUpdate, ProgressVerdict, SessionInfo } from './handler.js';
import type { HostCallbacks } from './host-callbacks.js';
import { createPrompter } from './modeless-prompt.js';
import { ProgressCoalescer } from './progress-coalescer.js';
import { toProgressItem } from './progress-item.js';
import type { ItemControl, SyncRun } from './sync-run.js';

/**
 * The context of any handler call after Initialize: the session and the host's callbacks.
 * Made once per instance, so every context derived from it shares one prompt queue.
 */
export function createHostContext(session: SessionInfo, host: HostCallbacks): HostContext {
  return {
    ...session,
    logError: (level, text, options) => host.logError(level, text, options),
    deleteLogError: (errorId) => host.deleteLogError(errorId),
    enableModeless: (enable) => host.enableModeless(enable),
    prompt: createPrompter(host),
    establishConnection: (connection = null) => host.establishConnection(connection),
  };
}

/** The context of prepareForSync and of a handler's own synchronize. */
export function createPhaseContext(base: HostContext, run: SyncRun, host: HostCallbacks): PhaseContext {
  const controlOf = (itemId: Guid): ItemControl => {
    const control = run.control(itemId);
    if (!control) throw new HandlerSdkError('UNKNOWN_ITEM', `item ${itemId} is not part of this sync`);
    return control;
  };
  return {
    ...base,
    signalFor: (itemId) => controlOf(itemId).signal,
    progress: (itemId, update) => reportProgress(run, host, controlOf(itemId).itemId, update),
  };
}

/** The context of one synchronizeItem call. */
export function createItemContext(base: HostContext, run: SyncRun, host: HostCallbacks, control: ItemControl): ItemContext {
  return {
    ...base,
    itemId: control.itemId,
    // A getter: the signal is made on first use.
    get signal() {
      return control.signal;
    },
    throwIfStopped: () => {
      const reason = control.stopReason;
      if (reason) throw new ItemStoppedError(reason);
    },
    progress: (update) => reportProgress(run, host, control.itemId, update),
    logError: (level, text, options) => host.logError(level, text, { ...options, itemId: options?.itemId ?? control.itemId }),
  };
}

/** Sends a progress report (coalesced per item) and carries out the host's verdict before the caller sees it. */
export function reportProgress(run: SyncRun, host: HostCallbacks, itemId: Guid, update: ProgressUpdate): Promise<ProgressVerdict> {
  run.progress ??= new ProgressCoalescer(
    (id, item) => host.progress(id, item),
    (verdict, id) => run.apply(verdict, id),
  );
  return run.progress.report(itemId, toProgressItem(update));
}
