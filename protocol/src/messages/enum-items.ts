import { defineRequest } from '../method-descriptor.js';
import type { SyncMgrItem } from '../structs.js';
import type { HResultResult, HResultValue, UInt32 } from '../wire-types.js';

// ISyncMgrEnumItems, implemented by the handler: a paged enumerator addressed by the id that
// EnumSyncMgrItems returned, so a million items never travel in one message.

export interface EnumNextParams {
  enumeratorId: string;
  /**
   * celt: how many items at most.
   * @asType integer
   * @minimum 1
   * @maximum 10000
   */
  celt: number;
}

export interface EnumNextResult {
  /** S_OK when celt items came, S_FALSE when fewer came (the end of the list). */
  hr: HResultValue;
  /** rgelt; pceltFetched is its length. */
  items: SyncMgrItem[];
}

export const EnumNext = defineRequest<EnumNextParams, EnumNextResult>({
  method: 'enumItems/next',
  direction: 'hostToHandler',
  mirrors: 'ISyncMgrEnumItems::Next',
  title: 'Next',
  paramsSchema: 'EnumNextParams',
  resultSchema: 'EnumNextResult',
  phases: ['enumeration'],
});

export interface EnumSkipParams {
  enumeratorId: string;
  celt: UInt32;
}

/** S_OK when celt items were skipped, S_FALSE when the list ended first. */
export const EnumSkip = defineRequest<EnumSkipParams, HResultResult>({
  method: 'enumItems/skip',
  direction: 'hostToHandler',
  mirrors: 'ISyncMgrEnumItems::Skip',
  title: 'Skip',
  paramsSchema: 'EnumSkipParams',
  resultSchema: 'HResultResult',
  phases: ['enumeration'],
});

export interface EnumeratorRef {
  enumeratorId: string;
}

export const EnumReset = defineRequest<EnumeratorRef, HResultResult>({
  method: 'enumItems/reset',
  direction: 'hostToHandler',
  mirrors: 'ISyncMgrEnumItems::Reset',
  title: 'Reset',
  paramsSchema: 'EnumeratorRef',
  resultSchema: 'HResultResult',
  phases: ['enumeration'],
});

export interface EnumCloneResult {
  hr: HResultValue;
  /** A new enumerator at the same position. Present when hr is S_OK. */
  enumeratorId?: string;
}

export const EnumClone = defineRequest<EnumeratorRef, EnumCloneResult>({
  method: 'enumItems/clone',
  direction: 'hostToHandler',
  mirrors: 'ISyncMgrEnumItems::Clone',
  title: 'Clone',
  paramsSchema: 'EnumeratorRef',
  resultSchema: 'EnumCloneResult',
  phases: ['enumeration'],
});

/** Extension (COM's Release of the enumerator): the handler may free it. */
export const EnumRelease = defineRequest<EnumeratorRef, HResultResult>({
  method: 'enumItems/release',
  direction: 'hostToHandler',
  mirrors: 'extension (COM: IUnknown::Release of ISyncMgrEnumItems)',
  title: 'Release',
  paramsSchema: 'EnumeratorRef',
  resultSchema: 'HResultResult',
  phases: ['enumeration'],
});
