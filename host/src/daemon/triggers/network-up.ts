import { connectSystemBus, type ConnectBus, type SystemBus } from './system-bus.js';
import type { IdleWatch } from './logind-idle.js';

const NETWORK_MANAGER = 'org.freedesktop.NetworkManager';
/** NM_STATE_CONNECTED_GLOBAL: the machine reaches the internet. */
export const NM_STATE_CONNECTED_GLOBAL = 70;

export interface NetworkUpOptions {
  /** Called when the network comes up (SYNCMGRFLAG_CONNECT). */
  onUp: () => void;
  connect?: ConnectBus;
  log?: (line: string) => void;
}

/**
 * Follows NetworkManager's StateChanged signal (no polling) and calls onUp each time the state
 * reaches full connectivity from below it. Without a system bus or NetworkManager: one log line,
 * undefined; `syncmgr trigger connect` (a NetworkManager dispatcher script, say) does the same.
 */
export async function watchNetworkUp(options: NetworkUpOptions): Promise<IdleWatch | undefined> {
  const log = options.log ?? (() => {});
  let bus: SystemBus;
  try {
    bus = await (options.connect ?? connectSystemBus)();
  } catch (error) {
    log(`network: no system bus (${(error as Error).message}); use \`syncmgr trigger connect\` when the network comes up`);
    return undefined;
  }
  try {
    const manager = await bus.getProxyObject(NETWORK_MANAGER, '/org/freedesktop/NetworkManager');
    // Up at start counts as already up: the connect trigger of daemon start covers it.
    let up = true;
    manager.getInterface(NETWORK_MANAGER).on('StateChanged', (state) => {
      const nowUp = typeof state === 'number' && state >= NM_STATE_CONNECTED_GLOBAL;
      if (nowUp && !up) options.onUp();
      up = nowUp;
    });
    return { stop: () => bus.disconnect() };
  } catch (error) {
    bus.disconnect();
    log(`network: no NetworkManager (${(error as Error).message}); use \`syncmgr trigger connect\` when the network comes up`);
    return undefined;
  }
}
