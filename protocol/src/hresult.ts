import { HResult, type HResultName } from './constants.js';

const namesByValue = new Map<number, HResultName>(Object.entries(HResult).map(([name, value]) => [value, name as HResultName]));

/** SUCCEEDED(hr): the severity bit is clear. S_FALSE and every S_SYNCMGR_* code succeed too. */
export function succeeded(hr: number): boolean {
  return hr >>> 0 < 0x80000000;
}

/** The mobsync.h name of an HRESULT, or its value in hex ("0x80070005") when it has none. */
export function hresultName(hr: number): string {
  return namesByValue.get(hr >>> 0) ?? `0x${(hr >>> 0).toString(16).padStart(8, '0')}`;
}
