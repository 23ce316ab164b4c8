import { defineRequest } from '../method-descriptor.js';
import type { UInt32 } from '../wire-types.js';

// The dashboard: a page the daemon serves on loopback, next to its WebSocket (PROTOCOL.md §5.7).

export interface OpenDashboardParams {
  /** The loopback port to listen on when the daemon does not listen yet; absent or 0: a free one. */
  port?: UInt32;
}

export interface OpenDashboardResult {
  /**
   * The login URL, of the form http://127.0.0.1:PORT/?login=TOKEN. The token is good for one use
   * within ten minutes; the page trades it for an HttpOnly, SameSite=Strict cookie and drops it
   * from the address.
   */
  url: string;
  /** The WebSocket URL, as daemon/status shows it. */
  webSocket: string;
}

/** Extension. Starts the daemon's loopback listener if it is not listening, and mints a login URL for the dashboard. */
export const OpenDashboard = defineRequest<OpenDashboardParams, OpenDashboardResult>({
  method: 'dashboard/open',
  direction: 'applicationToHost',
  mirrors: 'extension (the SyncMgr dialog, in a browser)',
  title: 'OpenDashboard',
  paramsSchema: 'OpenDashboardParams',
  resultSchema: 'OpenDashboardResult',
  phases: [],
});
