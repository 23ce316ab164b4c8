// What `syncmgr sync` exits with when the session is stopped: 128 + the signal, as a shell reports
// it, with the partial report still printed and saved.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { SyncManager } from '@syncmgr/host';
import { registerFixture } from './support/fixtures.js';
import { cliPath } from './support/paths.js';
import { tempDir } from './support/temp-dir.js';

const PATIENT = { hangTimeoutSeconds: 60, startTimeoutSeconds: 60 };

describe('syncmgr sync stopped by a signal', () => {
  let home: string;
  let remove: () => Promise<void>;

  beforeAll(async () => {
    ({ dir: home, remove } = await tempDir());
    await registerFixture(new SyncManager({ home }), 'works-on-first-item-until-skipped-or-stopped', { items: 2, name: 'worker' }, PATIENT);
  });
  afterAll(() => remove());

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)(
    'exits %s as %i, its items stopped and the report saved',
    async (signal, expected) => {
      const cli = spawn(process.execPath, [cliPath, '--home', home, 'sync'], { stdio: ['ignore', 'pipe', 'pipe'] });
      const exited = once(cli, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
      let out = '';
      for await (const chunk of cli.stdout) {
        out += String(chunk as Buffer);
        if (out.includes('[worker] synchronize')) break;
      }
      cli.kill(signal);
      const [code] = await exited;
      expect(code).toBe(expected);
      const report = await new SyncManager({ home }).results.load();
      expect(report.handlers[0]?.items.map((item) => item.status)).toContain('stopped');
    },
    60_000,
  );
});
