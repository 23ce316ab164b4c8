// B6's pieces: a client on a real daemon's socket, and the same session started in-process, each
// timed from "sync requested" to the first item's progress. The daemon is started as the tests start it.
import { readFileSync } from 'node:fs';
import { EventNotification, Subscribe, UpdateItems, type DaemonEvent } from '@syncmgr/protocol';
import { SyncManager } from '@syncmgr/host';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import { connectClient } from '../src/support/daemon-process.js';

/** A client of the daemon's socket (the tests' own), subscribed to its events. */
export async function subscribedClient(
  socket: string,
): Promise<{ connection: MessageConnection; events: (listener: (event: DaemonEvent) => void) => () => void }> {
  const { connection } = await connectClient(socket);
  const listeners = new Set<(event: DaemonEvent) => void>();
  connection.onNotification(EventNotification.type, (event) => listeners.forEach((listener) => listener(event)));
  await connection.sendRequest(Subscribe.type, {});
  return { connection, events: (listener) => (listeners.add(listener), () => listeners.delete(listener)) };
}

/**
 * Milliseconds from invoke/updateItems to the first itemProgress event on the socket; resolves once
 * the session is over, so that the next round finds the handler free. Events that come before the
 * answer names the session are kept and looked at once it has.
 */
export async function invokeToFirstProgress(client: Awaited<ReturnType<typeof subscribedClient>>, clsid: string): Promise<number> {
  const seen: { event: DaemonEvent; at: number }[] = [];
  let wake: () => void = () => undefined;
  const unsubscribe = client.events((event) => (seen.push({ event, at: performance.now() }), wake()));
  const started = performance.now();
  const { sessionId } = await client.connection.sendRequest(UpdateItems.type, { clsid, invokeFlags: 0 });
  const ours = () => seen.filter(({ event }) => event.sessionId === sessionId);
  const ended = () => ours().some(({ event }) => event.body.kind === 'sessionFinished' || event.body.kind === 'sessionInterrupted');
  while (!ended()) await new Promise<void>((resolve) => (wake = resolve));
  unsubscribe();
  const first = ours().find(({ event }) => event.body.kind === 'itemProgress');
  if (!first) throw new Error(`session ${sessionId} ended without an item's progress`);
  return first.at - started;
}

/** Milliseconds from createSession to the first itemProgress event, in-process. */
export async function inProcessToFirstProgress(manager: SyncManager, clsid: string): Promise<number> {
  const started = performance.now();
  const session = await manager.createSession({ event: 'invoke', handlers: [clsid] });
  let first = 0;
  session.on('itemProgress', () => first || (first = performance.now() - started));
  await session.run();
  return first;
}

/** The CPU time (user + system) a process has used, in ms, from /proc. */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks (USER_HZ = 100)
}

/** A process's resident set, in bytes. */
export function rssBytes(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
}
