// A daemon killed outright mid-session: the next one records the session as interrupted, with the
// reason, and leaves none of its handler processes running.
import { SyncManager } from '@syncmgr/host';
import { ListSessions, Subscribe, UpdateItems } from '@syncmgr/protocol';
import { connectClient, EventCollector, registerSlowHandler, startDaemon, stopDaemon } from './support/daemon-process.js';
import { processesWithEnv } from './support/processes.js';
import { tempDir } from './support/temp-dir.js';

it('records a session the killed daemon ran as interrupted, and no handler of it is left', async () => {
  const home = await tempDir();
  const manager = new SyncManager({ home: home.dir });
  const clsid = await registerSlowHandler(manager, 100_000);
  const first = await startDaemon(home.dir);
  const { connection, socket } = await connectClient(first.socket);
  const events = new EventCollector(connection);
  await connection.sendRequest(Subscribe.type, {});
  const { sessionId = '' } = await connection.sendRequest(UpdateItems.type, { invokeFlags: 0, clsid });
  await events.next((e) => e.sessionId === sessionId && e.body.kind === 'itemProgress');
  expect(processesWithEnv('SYNCMGR_HOST_PID', String(first.pid)).length).toBeGreaterThan(0);
  first.child.kill('SIGKILL');
  await first.exited;
  connection.dispose();
  socket.destroy();

  // The new daemon sweeps the dead one's orphans before it listens.
  const second = await startDaemon(home.dir);
  expect(processesWithEnv('SYNCMGR_HOST_PID', String(first.pid))).toEqual([]);
  const client = await connectClient(second.socket);
  const listed = (await client.connection.sendRequest(ListSessions.type, {})).sessions.find((s) => s.sessionId === sessionId);
  expect(listed?.state).toBe('interrupted');
  expect(listed?.reason).toContain(String(first.pid));
  const saved = await manager.results.load(sessionId);
  expect(saved.handlers.map((h) => [h.clsid, h.result])).toEqual([[clsid, 'failed']]);
  client.connection.dispose();
  await stopDaemon(second);

  // And after one more restart it is still listed as interrupted, once.
  const third = await startDaemon(home.dir);
  const again = await connectClient(third.socket);
  const sessions = (await again.connection.sendRequest(ListSessions.type, {})).sessions.filter((s) => s.sessionId === sessionId);
  expect(sessions.map((s) => s.state)).toEqual(['interrupted']);
  again.connection.dispose();
  await stopDaemon(third);
  await home.remove();
});
