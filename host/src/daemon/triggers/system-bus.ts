// The few pieces of a D-Bus client the triggers use, so that tests can fake a bus and the daemon
// loads dbus-next only where it watches one (a daemon without a system bus starts as fast).

/** A D-Bus interface of a remote object: its signals, and its methods by name. */
export interface BusInterface {
  on(signal: string, listener: (...args: unknown[]) => void): unknown;
  [method: string]: unknown;
}

export interface BusObject {
  getInterface(name: string): BusInterface;
}

export interface SystemBus {
  getProxyObject(service: string, objectPath: string): Promise<BusObject>;
  disconnect(): void;
}

/** Connects to a bus; rejects when there is none. */
export type ConnectBus = () => Promise<SystemBus>;

/** The machine's system bus through dbus-next, imported only now; rejects at once where there is no bus. */
export const connectSystemBus: ConnectBus = async () => {
  const dbus = await import('dbus-next');
  const bus = dbus.systemBus();
  // dbus-next reports a missing socket as an 'error' event, not as a rejected call.
  const failed = new Promise<never>((_resolve, reject) => bus.on('error', reject));
  const ready = bus.getProxyObject('org.freedesktop.DBus', '/org/freedesktop/DBus');
  try {
    await Promise.race([ready, failed]);
  } catch (error) {
    bus.disconnect();
    throw error;
  }
  return bus;
};

/** A property value as dbus-next gives it: a Variant with a value. */
export function variantValue(variant: unknown): unknown {
  return variant !== null && typeof variant === 'object' && 'value' in variant ? variant.value : undefined;
}
