import { EventEmitter } from 'node:events';
import { describe, expect, it } from '@jest/globals';
import { watchLogindIdle } from '@syncmgr/host/internal/daemon/triggers/logind-idle.js';
import { watchNetworkUp, NM_STATE_CONNECTED_GLOBAL } from '@syncmgr/host/internal/daemon/triggers/network-up.js';
import type { BusInterface, SystemBus } from '@syncmgr/host/internal/daemon/triggers/system-bus.js';

/** A system bus with one emitter per interface, and the user's display session as logind gives it. */
class FakeBus implements SystemBus {
  readonly interfaces = new Map<string, EventEmitter>();
  readonly paths: string[] = [];
  disconnected = false;

  constructor(private readonly display: [string, string] = ['2', '/org/freedesktop/login1/session/_32']) {}

  getProxyObject(_service: string, objectPath: string) {
    this.paths.push(objectPath);
    return Promise.resolve({
      getInterface: (name: string): BusInterface => {
        const key = `${objectPath} ${name}`;
        const emitter = this.interfaces.get(key) ?? new EventEmitter();
        this.interfaces.set(key, emitter);
        return Object.assign(emitter, { Get: () => Promise.resolve({ value: this.display }) }) as unknown as BusInterface;
      },
    });
  }

  emit(objectPath: string, iface: string, signal: string, ...args: unknown[]): void {
    this.interfaces.get(`${objectPath} ${iface}`)?.emit(signal, ...args);
  }

  disconnect(): void {
    this.disconnected = true;
  }
}

const SESSION = '/org/freedesktop/login1/session/_32';
const PROPS = 'org.freedesktop.DBus.Properties';

describe('logind idle', () => {
  it('fails soft without a system bus: one log line, no watch', async () => {
    const lines: string[] = [];
    const watch = await watchLogindIdle({ onIdle: () => {}, connect: () => Promise.reject(new Error('ENOENT')), log: (l) => lines.push(l) });
    expect(watch).toBeUndefined();
    expect(lines).toHaveLength(1);
  });

  it('fails soft on this machine, whatever bus it has', async () => {
    const lines: string[] = [];
    const watch = await watchLogindIdle({ onIdle: () => {}, log: (l) => lines.push(l) });
    watch?.stop();
    expect(watch === undefined ? lines.length : 1).toBe(1);
  });

  it("follows the display session's IdleHint, once per change", async () => {
    const bus = new FakeBus();
    const seen: boolean[] = [];
    const watch = await watchLogindIdle({ onIdle: (idle) => seen.push(idle), connect: () => Promise.resolve(bus) });
    expect(bus.paths).toContain(SESSION);
    bus.emit(SESSION, PROPS, 'PropertiesChanged', 'org.freedesktop.login1.Session', { IdleHint: { value: true } }, []);
    bus.emit(SESSION, PROPS, 'PropertiesChanged', 'org.freedesktop.login1.Session', { IdleHint: { value: true }, Active: { value: true } }, []);
    bus.emit(SESSION, PROPS, 'PropertiesChanged', 'org.freedesktop.login1.Session', { Active: { value: false } }, []);
    bus.emit(SESSION, PROPS, 'PropertiesChanged', 'org.freedesktop.login1.Session', { IdleHint: { value: false } }, []);
    expect(seen).toEqual([true, false]);
    watch?.stop();
    expect(bus.disconnected).toBe(true);
  });

  it('watches session/auto when the user has no display session', async () => {
    const bus = new FakeBus(['', '/']);
    await watchLogindIdle({ onIdle: () => {}, connect: () => Promise.resolve(bus) });
    expect(bus.paths).toContain('/org/freedesktop/login1/session/auto');
  });
});

describe('network up', () => {
  it('fails soft without a system bus', async () => {
    const lines: string[] = [];
    expect(await watchNetworkUp({ onUp: () => {}, connect: () => Promise.reject(new Error('ENOENT')), log: (l) => lines.push(l) })).toBeUndefined();
    expect(lines).toHaveLength(1);
  });

  it('calls onUp when NetworkManager reaches full connectivity from below, not while it stays up', async () => {
    const bus = new FakeBus();
    let ups = 0;
    await watchNetworkUp({ onUp: () => ups++, connect: () => Promise.resolve(bus) });
    const state = (value: number) => bus.emit('/org/freedesktop/NetworkManager', 'org.freedesktop.NetworkManager', 'StateChanged', value);
    state(NM_STATE_CONNECTED_GLOBAL);
    expect(ups).toBe(0);
    state(20);
    state(NM_STATE_CONNECTED_GLOBAL);
    state(NM_STATE_CONNECTED_GLOBAL);
    expect(ups).toBe(1);
  });
});
