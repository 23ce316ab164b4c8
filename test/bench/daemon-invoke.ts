// B6's pieces: a real daemon process on a throwaway home, a client on its socket, and the same
// session started in-process, each timed from "sync requested" to the first item's progress.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EventNotification, Subscribe, UpdateItems, type DaemonEvent } from '@syncmgr/protocol';
import { SyncManager } from '@syncmgr/host';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

// test/dist/bench → the repository's host/bin.
const cli = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'host', 'bin', 'syncmgr.js');

/** A daemon for a home, started and ready (it printed where it listens). */
export interface RunningDaemon {
  process: ChildProcess;
  socket: string;
  stop(): Promise<void>;
}

export async function startDaemon(home: string): Promise<RunningDaemon> {
  const child = spawn(process.execPath, [cli, '--home', home, 'daemon'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const socket = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const listening = /listening on (\S+)/.exec(out);
      if (listening?.[1]) resolve(listening[1]);
    });
    child.once('exit', (code) => reject(new Error(`the daemon exited (${code}) before it listened: ${out}${err}`)));
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGINT');
    await once(child, 'exit');
  };
  return { process: child, socket, stop };
}

/** A client connected to the daemon's socket and subscribed to its events. */
export async function connectClient(
  socket: string,
): Promise<{ connection: MessageConnection; events: (listener: (event: DaemonEvent) => void) => () => void }> {
  const stream = net.connect(socket);
  await once(stream, 'connect');
  const connection = createMessageConnection(new StreamMessageReader(stream), new StreamMessageWriter(stream));
  const listeners = new Set<(event: DaemonEvent) => void>();
  connection.onNotification(EventNotification.type, (event) => listeners.forEach((listener) => listener(event)));
  connection.listen();
  await connection.sendRequest(Subscribe.type, {});
  return { connection, events: (listener) => (listeners.add(listener), () => listeners.delete(listener)) };
}

/**
 * Milliseconds from invoke/updateItems to the first itemProgress event on the socket; resolves once
 * the session is over, so that the next round finds the handler free. Events that come before the
 * answer names the session are kept and looked at once it has.
 */
export async function invokeToFirstProgress(client: Awaited<ReturnType<typeof connectClient>>, clsid: string): Promise<number> {
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
