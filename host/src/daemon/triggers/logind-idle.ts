import { connectSystemBus, variantValue, type ConnectBus, type SystemBus } from './system-bus.js';

const LOGIND = 'org.freedesktop.login1';
const SESSION_INTERFACE = 'org.freedesktop.login1.Session';
const PROPERTIES = 'org.freedesktop.DBus.Properties';

export interface LogindIdleOptions {
  /** Called with true when logind says the session went idle, false when the user is back. */
  onIdle: (idle: boolean) => void;
  connect?: ConnectBus;
  log?: (line: string) => void;
}

/** A running watch; stop() lets go of the bus. */
export interface IdleWatch {
  stop(): void;
}

/**
 * Follows systemd-logind's IdleHint of the user's session (PropertiesChanged: a signal, no
 * polling). Where there is no system bus or no logind session it logs one line and resolves
 * undefined: `syncmgr trigger idle` (swayidle, xidlehook) is then the only source of idle.
 */
export async function watchLogindIdle(options: LogindIdleOptions): Promise<IdleWatch | undefined> {
  const log = options.log ?? (() => {});
  let bus: SystemBus;
  try {
    bus = await (options.connect ?? connectSystemBus)();
  } catch (error) {
    log(`idle: no system bus (${(error as Error).message}); idle comes only from \`syncmgr trigger idle\``);
    return undefined;
  }
  try {
    const session = await bus.getProxyObject(LOGIND, await sessionPath(bus));
    let last: boolean | undefined;
    session.getInterface(PROPERTIES).on('PropertiesChanged', (iface, changed) => {
      if (iface !== SESSION_INTERFACE || changed === null || typeof changed !== 'object') return;
      const idle = variantValue((changed as Record<string, unknown>)['IdleHint']);
      // logind repeats the property with other changes: only a change of it is an event.
      if (typeof idle !== 'boolean' || idle === last) return;
      last = idle;
      options.onIdle(idle);
    });
    return { stop: () => bus.disconnect() };
  } catch (error) {
    bus.disconnect();
    log(`idle: no logind session to watch (${(error as Error).message}); idle comes only from \`syncmgr trigger idle\``);
    return undefined;
  }
}

// A daemon started by the user's systemd instance is not in a session itself, so "auto" names none:
// then the user's display session (User.Display), the one whose idle hint the desktop sets.
async function sessionPath(bus: SystemBus): Promise<string> {
  const user = await bus.getProxyObject(LOGIND, '/org/freedesktop/login1/user/self');
  const properties = user.getInterface(PROPERTIES);
  const get = properties['Get'] as (this: unknown, iface: string, name: string) => Promise<unknown>;
  const display = variantValue(await get.call(properties, 'org.freedesktop.login1.User', 'Display'));
  const objectPath: unknown = Array.isArray(display) ? (display as unknown[])[1] : undefined;
  if (typeof objectPath === 'string' && objectPath !== '/') return objectPath;
  return '/org/freedesktop/login1/session/auto';
}
