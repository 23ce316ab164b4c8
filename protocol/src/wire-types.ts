/**
 * An unsigned 32-bit integer: a DWORD of mobsync.h.
 * @asType integer
 * @minimum 0
 * @maximum 4294967295
 */
export type UInt32 = number;

/**
 * A signed 32-bit integer: an int of mobsync.h.
 * @asType integer
 * @minimum -2147483648
 * @maximum 2147483647
 */
export type Int32 = number;

/**
 * An HRESULT as an unsigned 32-bit value, e.g. 262659 (0x00040203) for S_SYNCMGR_CANCELITEM
 * or 2147500037 (0x80004005) for E_FAIL.
 * @asType integer
 * @minimum 0
 * @maximum 4294967295
 */
export type HResultValue = number;

/** The answer of every SyncMgr method: its HRESULT. */
export interface HResultResult {
  hr: HResultValue;
}
