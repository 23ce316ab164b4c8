// Every check the kit makes, declared once: its id (what an expected-failures file names), the
// scenario that makes it, the PROTOCOL.md section it enforces and what passing means.

/** The scenarios, in the order they run; `--only` picks among them. */
export const SCENARIOS = ['framing', 'handshake', 'lifecycle', 'session', 'enumerator', 'verdicts', 'log', 'modeless', 'process'] as const;

export type ScenarioName = (typeof SCENARIOS)[number];

export interface CheckSpec {
  readonly scenario: ScenarioName;
  /** The PROTOCOL.md section, e.g. "§2.1 Frames". */
  readonly section: string;
  /** What the handler must do for the check to pass. */
  readonly requirement: string;
}

function check(scenario: ScenarioName, section: string, requirement: string): CheckSpec {
  return { scenario, section, requirement };
}

export const CHECKS = {
  'framing.frames-only': check('framing', '§2.2 Streams', 'stdout carries Content-Length frames and nothing else'),
  'framing.headers': check('framing', '§2.1 Frames', 'every header part has a numeric Content-Length, ends with CRLF CRLF and stays under 1024 bytes'),
  'framing.utf8': check('framing', '§2.1 Frames', 'every body is UTF-8 without a byte order mark'),
  'framing.json-rpc': check('framing', '§2.1 Frames', 'every body is one JSON-RPC 2.0 object (no batch)'),
  'streams.stderr': check('framing', '§2.2 Streams', 'stderr is for logs: no protocol frame is written there'),

  'handshake.required': check('handshake', '§5.1 syncmgr/handshake', 'a request before the handshake is refused with NotHandshaken (-32053)'),
  'handshake.answer': check('handshake', '§5.1 syncmgr/handshake', 'the handshake is answered with a HandshakeResult'),
  'handshake.version': check('handshake', '§3.4 Versions', 'the handler speaks major version 1 of the protocol'),
  'jsonrpc.method-not-found': check('handshake', '§3.3 Refusing a message', 'a method the handler does not know is refused with MethodNotFound (-32601)'),

  'lifecycle.shutdown': check('lifecycle', '§5.1 syncmgr/shutdown', 'syncmgr/shutdown is answered {}'),
  'lifecycle.exit-after-shutdown': check('lifecycle', '§5.1 syncmgr/shutdown', 'after shutdown the handler exits once its stdin closes'),
  'lifecycle.exit-on-stdin-close': check('lifecycle', '§2.2 Streams', 'a handler whose stdin closes without a shutdown exits promptly'),
  'lifecycle.exit-on-parent-death': check('lifecycle', '§2.4 Environment', 'a handler exits within a few seconds when its host (hostPid) dies'),

  'session.initialize': check('session', '§5.2 synchronize/initialize', 'Initialize is answered S_OK (take part) or S_FALSE (decline)'),
  'session.initialize-decline': check('session', '§4.2 Per-handler state machine', 'a handler that declines sends nothing more and shuts down cleanly'),
  'session.handler-info': check(
    'session',
    '§5.2 synchronize/getHandlerInfo',
    'GetHandlerInfo gives a name of 1 to 32 characters and only SYNCMGRHANDLER_* flags',
  ),
  'session.items': check(
    'session',
    '§3.5 SyncMgrItem',
    'every item has a GUID, a name of 1 to 128 characters, SYNCMGRITEM_* flags and a valid state; IDs are unique',
  ),
  'session.get-item-object': check('session', '§5.2 synchronize/getItemObject', 'GetItemObject is answered with an HRESULT (E_NOTIMPL), not refused'),
  'session.set-progress-callback': check('session', '§5.2 synchronize/setProgressCallback', 'SetProgressCallback is answered S_OK'),
  'session.prepare-completed-once': check('session', '§5.2 synchronize/prepareForSync', 'PrepareForSync is answered S_OK and completed exactly once'),
  'session.synchronize-completed-once': check('session', '§5.2 synchronize/synchronize', 'Synchronize is answered S_OK and completed exactly once'),
  'session.final-status': check('session', '§4.4 Rules', 'every item gets a final status (succeeded, failed, skipped, stopped) before SynchronizeCompleted'),
  'session.progress-shape': check('session', '§5.4 callback/progress', 'progress names items of the session, with a mask matching the fields sent'),
  'session.callbacks-in-phase': check('session', '§4.3 When each callback is accepted', 'every callback arrives in a phase that allows it'),

  'enumerator.pages': check('enumerator', '§5.3 enumItems/next', 'Next returns at most celt items, S_OK for a full page and S_FALSE at the end'),
  'enumerator.skip': check('enumerator', '§5.3 enumItems/skip', 'Skip(n) moves past n items'),
  'enumerator.reset': check('enumerator', '§5.3 enumItems/reset', 'Reset starts the listing again from its first item'),
  'enumerator.clone': check('enumerator', '§5.3 enumItems/clone', 'Clone gives an independent enumerator at the same position'),
  'enumerator.release': check('enumerator', '§5.3 enumItems/release', 'Release is answered, and the released enumerator is then unknown (-32052)'),
  'enumerator.large-listing': check('enumerator', '§2.3 Message size', 'a listing of 10,000 items or more is paged to its end'),
  'enumerator.stable-ids': check('enumerator', '§3.5 SyncMgrItem', 'item IDs are the same in two runs of the handler'),

  'verdicts.cancel-item': check('verdicts', '§5.4 callback/progress', 'S_SYNCMGR_CANCELITEM stops that item, and only that item, within the deadline'),
  'verdicts.cancel-all': check('verdicts', '§5.4 callback/progress', 'S_SYNCMGR_CANCELALL stops every item and completes Synchronize within the deadline'),
  'verdicts.skip': check('verdicts', '§5.2 synchronize/setItemStatus', 'SetItemStatus(SKIPPED) is answered and the item ends skipped within the deadline'),

  'log.levels': check('log', '§5.4 callback/logError', 'LogError uses SYNCMGRLOGLEVEL values, a text, and a mask matching its fields'),
  'log.delete': check('log', '§5.4 callback/deleteLogError', 'DeleteLogError names an entry the handler logged, or GUID_NULL'),
  'log.show-error': check(
    'log',
    '§4.5 ShowError and retry',
    'ShowError on an actionable entry is answered and completed once; a retry names items of the session and runs',
  ),

  'modeless.token': check('modeless', '§4.7 The EnableModeless token', 'prompts are sent only while the handler holds the token'),
  'modeless.refusal': check('modeless', '§4.7 The EnableModeless token', 'after S_FALSE the handler asks nothing and completes its phase'),
  'modeless.settings-instance': check('modeless', '§4.6 The settings instance', 'a SYNCMGRFLAG_SETTINGS instance lists its items and synchronizes nothing'),
  'modeless.show-properties': check('modeless', '§4.6 ShowProperties', 'ShowProperties is answered S_OK and completed exactly once'),

  'process.no-leftovers': check('process', '§7 Errors and faults', 'nothing the handler started is still running after it exited'),
} as const satisfies Record<string, CheckSpec>;

export type CheckId = keyof typeof CHECKS;

export function isCheckId(id: string): id is CheckId {
  return Object.hasOwn(CHECKS, id);
}

/** The checks one scenario makes, in catalogue order. */
export function checksOf(scenario: ScenarioName): CheckId[] {
  return (Object.keys(CHECKS) as CheckId[]).filter((id) => CHECKS[id].scenario === scenario);
}
