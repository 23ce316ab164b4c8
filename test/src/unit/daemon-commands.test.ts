import { mkdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { Command } from 'commander';
import { HResult } from '@syncmgr/protocol';
import { SyncManager } from '@syncmgr/host';
import { scheduleCommand } from '@syncmgr/host/internal/cli/commands/schedule-commands.js';
import { resetCommand, triggerCommand } from '@syncmgr/host/internal/cli/commands/trigger-commands.js';
import { daemonPaths } from '@syncmgr/host/internal/daemon/daemon-paths.js';
import { createMessageConnection, ResponseError, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { tempDir } from '../support/temp-dir.js';

const CLSID = '6295df27-35ee-11d1-8707-00c04fd93327';

function program(manager: SyncManager): Command {
  const root = new Command('syncmgr').exitOverride();
  for (const command of [scheduleCommand, triggerCommand, resetCommand]) root.addCommand(command(() => manager).exitOverride());
  return root;
}

/** A stand-in daemon on the home's socket: records each request and answers as `answer` says. */
async function fakeDaemon(socket: string, answer: (method: string, params: unknown) => unknown) {
  const requests: { method: string; params: unknown }[] = [];
  await mkdir(path.dirname(socket), { recursive: true, mode: 0o700 });
  const server = net.createServer((client) => {
    const connection = createMessageConnection(new StreamMessageReader(client), new StreamMessageWriter(client));
    connection.onRequest((method, params) => {
      // The client asks who the daemon is when it connects (to tell a restart); not a command's request.
      if (method === 'daemon/status') return { pid: process.pid, startedAt: '2026-01-01T00:00:00.000Z' };
      requests.push({ method, params });
      return answer(method, params);
    });
    connection.listen();
    client.on('close', () => connection.dispose());
  });
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  return { requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('the daemon commands (schedule, trigger, reset)', () => {
  let home: { dir: string; remove: () => Promise<void> };
  let manager: SyncManager;
  beforeEach(async () => {
    home = await tempDir();
    manager = new SyncManager({ home: home.dir });
  });
  afterEach(async () => {
    process.exitCode = undefined;
    await home.remove();
  });

  it('say to start the daemon when none runs for the home (NO_DAEMON: exit 4, as status and watch)', async () => {
    await expect(program(manager).parseAsync(['trigger', 'idle'], { from: 'user' })).rejects.toMatchObject({ name: 'HostError', code: 'NO_DAEMON' });
    await expect(program(manager).parseAsync(['schedule', 'list'], { from: 'user' })).rejects.toMatchObject({ code: 'NO_DAEMON' });
  });

  it('send each command as its protocol request over the socket', async () => {
    const daemon = await fakeDaemon(daemonPaths(manager.home).socket, (method) => {
      if (method === 'schedules/add') return { schedule: { scheduleId: 's1', cron: '* * * * * *', clsids: [CLSID] } };
      if (method === 'schedules/list') return { schedules: [] };
      if (method === 'schedules/remove') return { hr: HResult.S_FALSE };
      return { hr: HResult.S_OK, sessionId: 'x' };
    });
    try {
      const run = (...argv: string[]) => program(manager).parseAsync(argv, { from: 'user' });
      await run('trigger', 'idle', '--end');
      await run('trigger', 'idle');
      await run('trigger', 'pendingdisconnect');
      await run('trigger', 'connect', '--json');
      await run('trigger', 'scheduled');
      await run('schedule', 'add', '--cron', '* * * * * *', '--tz', 'UTC', '--handler', `{${CLSID.toUpperCase()}}`, '--item', 'i1');
      await run('schedule', 'list', '--json');
      await run('reset', CLSID);
      expect(process.exitCode ?? 0).toBe(0);
      await run('schedule', 'remove', 'nope');
      expect(process.exitCode).toBe(2);
      expect(daemon.requests).toEqual([
        { method: 'trigger/idle', params: { idle: false } },
        { method: 'trigger/idle', params: { idle: true } },
        { method: 'trigger/pendingDisconnect', params: {} },
        { method: 'trigger/connect', params: {} },
        { method: 'trigger/scheduled', params: {} },
        { method: 'schedules/add', params: { cron: '* * * * * *', timeZone: 'UTC', clsids: [CLSID], itemIds: ['i1'] } },
        { method: 'schedules/list', params: {} },
        { method: 'handlers/reset', params: { clsid: CLSID } },
        { method: 'schedules/remove', params: { scheduleId: 'nope' } },
      ]);
    } finally {
      await daemon.close();
    }
  });

  it("turn the daemon's InvalidParams into USAGE", async () => {
    const daemon = await fakeDaemon(daemonPaths(manager.home).socket, () => new ResponseError(-32602, 'bad cron'));
    try {
      await expect(program(manager).parseAsync(['schedule', 'add', '--cron', 'x'], { from: 'user' })).rejects.toMatchObject({ code: 'USAGE' });
    } finally {
      await daemon.close();
    }
  });
});
