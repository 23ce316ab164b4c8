/**
 * Every numeric constant of mobsync.h, with its name and value unchanged.
 * On the wire these travel as plain JSON numbers (HRESULTs as unsigned 32-bit values).
 */

/** Success and failure codes (HRESULT). All S_SYNCMGR_* codes are success codes: compare exactly. */
export const HResult = {
  S_OK: 0x00000000,
  S_FALSE: 0x00000001,
  /** EnumSyncMgrItems: the list is knowingly incomplete; keep stored choices for items not listed. */
  S_SYNCMGR_MISSINGITEMS: 0x00040201,
  /** ShowErrorCompleted: run PrepareForSync and Synchronize again for the returned items. */
  S_SYNCMGR_RETRYSYNC: 0x00040202,
  /** Progress answer: stop the item named in that call. */
  S_SYNCMGR_CANCELITEM: 0x00040203,
  /** Progress answer: stop every item of this handler. */
  S_SYNCMGR_CANCELALL: 0x00040204,
  /** Properties: the item no longer exists (undocumented in mobsync.h; the host re-enumerates). */
  S_SYNCMGR_ITEMDELETED: 0x00040210,
  /** Properties: the item set changed; the host re-enumerates (undocumented in mobsync.h). */
  S_SYNCMGR_ENUMITEMS: 0x00040211,
  E_NOTIMPL: 0x80004001,
  E_FAIL: 0x80004005,
  E_UNEXPECTED: 0x8000ffff,
  E_OUTOFMEMORY: 0x8007000e,
  E_INVALIDARG: 0x80070057,
} as const;
export type HResultName = keyof typeof HResult;

/** SYNCMGRFLAG: the low byte is the event that started the session, higher bits are modifiers. */
export const SyncMgrFlag = {
  SYNCMGRFLAG_CONNECT: 0x1,
  SYNCMGRFLAG_PENDINGDISCONNECT: 0x2,
  SYNCMGRFLAG_MANUAL: 0x3,
  SYNCMGRFLAG_IDLE: 0x4,
  SYNCMGRFLAG_INVOKE: 0x5,
  SYNCMGRFLAG_SCHEDULED: 0x6,
  SYNCMGRFLAG_EVENTMASK: 0xff,
  SYNCMGRFLAG_SETTINGS: 0x100,
  SYNCMGRFLAG_MAYBOTHERUSER: 0x200,
} as const;

/** SYNCMGRHANDLERFLAGS, in SyncMgrHandlerInfo.handlerFlags. */
export const SyncMgrHandlerFlags = {
  SYNCMGRHANDLER_HASPROPERTIES: 0x1,
  SYNCMGRHANDLER_MAYESTABLISHCONNECTION: 0x2,
  SYNCMGRHANDLER_ALWAYSLISTHANDLER: 0x4,
  SYNCMGRHANDLER_HIDDEN: 0x8,
  SYNCMGRHANDLERFLAG_MASK: 0x0f,
} as const;

/** SYNCMGRITEMFLAGS, in SyncMgrItem.flags. */
export const SyncMgrItemFlags = {
  SYNCMGRITEM_HASPROPERTIES: 0x01,
  SYNCMGRITEM_TEMPORARY: 0x02,
  SYNCMGRITEM_ROAMINGUSER: 0x04,
  SYNCMGRITEM_LASTUPDATETIME: 0x08,
  SYNCMGRITEM_MAYDELETEITEM: 0x10,
  SYNCMGRITEM_HIDDEN: 0x20,
  SYNCMGRITEM_ITEMFLAGMASK: 0x7f,
} as const;

/** SYNCMGRITEMSTATE, in SyncMgrItem.itemState: the handler's default check state. */
export const SyncMgrItemState = {
  SYNCMGRITEMSTATE_UNCHECKED: 0,
  SYNCMGRITEMSTATE_CHECKED: 1,
} as const;

/** SYNCMGRSTATUS: SetItemStatus argument and SyncMgrProgressItem.statusType. */
export const SyncMgrStatus = {
  SYNCMGRSTATUS_STOPPED: 0x0,
  SYNCMGRSTATUS_SKIPPED: 0x1,
  SYNCMGRSTATUS_PENDING: 0x2,
  SYNCMGRSTATUS_UPDATING: 0x3,
  SYNCMGRSTATUS_SUCCEEDED: 0x4,
  SYNCMGRSTATUS_FAILED: 0x5,
  SYNCMGRSTATUS_PAUSED: 0x6,
  SYNCMGRSTATUS_RESUMING: 0x7,
  SYNCMGRSTATUS_UPDATING_INDETERMINATE: 0x8,
  SYNCMGRSTATUS_DELETED: 0x100,
} as const;

/** SYNCMGRPROGRESSITEM mask bits: which fields of a SyncMgrProgressItem are set. */
export const SyncMgrProgressItemMask = {
  SYNCMGRPROGRESSITEM_STATUSTEXT: 0x0001,
  SYNCMGRPROGRESSITEM_STATUSTYPE: 0x0002,
  SYNCMGRPROGRESSITEM_PROGVALUE: 0x0004,
  SYNCMGRPROGRESSITEM_MAXVALUE: 0x0008,
} as const;

/** SYNCMGRLOGLEVEL: LogError's errorLevel. */
export const SyncMgrLogLevel = {
  SYNCMGRLOGLEVEL_INFORMATION: 0x1,
  SYNCMGRLOGLEVEL_WARNING: 0x2,
  SYNCMGRLOGLEVEL_ERROR: 0x3,
  SYNCMGRLOGLEVEL_LOGLEVELMAX: 0x3,
} as const;

/** SYNCMGRLOGERRORINFO mask bits: which fields of a SyncMgrLogErrorInfo are set. */
export const SyncMgrLogErrorMask = {
  SYNCMGRLOGERROR_ERRORFLAGS: 0x0001,
  SYNCMGRLOGERROR_ERRORID: 0x0002,
  SYNCMGRLOGERROR_ITEMID: 0x0004,
} as const;

/** SYNCMGRERRORFLAGS: the entry is actionable through ShowError. */
export const SyncMgrErrorFlags = {
  SYNCMGRERRORFLAG_ENABLEJUMPTEXT: 0x1,
} as const;

/** SYNCMGRINVOKEFLAGS: UpdateItems' invokeFlags. */
export const SyncMgrInvokeFlags = {
  SYNCMGRINVOKE_STARTSYNC: 0x2,
  SYNCMGRINVOKE_MINIMIZED: 0x4,
} as const;

/** SYNCMGRREGISTERFLAGS: the automatic events a registered handler wants to run on. */
export const SyncMgrRegisterFlags = {
  SYNCMGRREGISTERFLAG_CONNECT: 0x1,
  SYNCMGRREGISTERFLAG_PENDINGDISCONNECT: 0x2,
  SYNCMGRREGISTERFLAG_IDLE: 0x4,
  SYNCMGRREGISTERFLAGS_MASK: 0x07,
} as const;

/** Size limits of mobsync.h. JSON strings carry no terminator, so the whole length is usable. */
export const SyncMgrLimits = {
  MAX_SYNCMGRHANDLERNAME: 32,
  MAX_SYNCMGRITEMNAME: 128,
} as const;

/** Every constant table above, by the name the spec uses for it. */
export const ConstantTables = {
  HResult,
  SyncMgrFlag,
  SyncMgrHandlerFlags,
  SyncMgrItemFlags,
  SyncMgrItemState,
  SyncMgrStatus,
  SyncMgrProgressItemMask,
  SyncMgrLogLevel,
  SyncMgrLogErrorMask,
  SyncMgrErrorFlags,
  SyncMgrInvokeFlags,
  SyncMgrRegisterFlags,
  SyncMgrLimits,
} as const;
