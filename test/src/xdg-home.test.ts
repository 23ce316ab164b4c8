import { randomUUID } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { resolveHome } from '@syncmgr/host';
import { fixtureCommand } from './support/fixtures.js';
import { cliPath } from './support/paths.js';
import { tempDir } from './support/temp-dir.js';

/** `syncmgr …` with no --home and no SYNCMGR_HOME: the XDG base directories under a home of the test's own. */
async function runWithDefaultHome(userHome: string, args: readonly string[], xdg: Record<string, string>) {
  const env = { PATH: process.env['PATH'] ?? '', HOME: userHome, ...xdg };
  return execa(process.execPath, [cliPath, ...args], { reject: false, env, extendEnv: false, timeout: 60_000 });
}

describe('the default home follows the XDG base directories', () => {
  it('keeps the registry in $XDG_CONFIG_HOME/syncmgr and logs and results in $XDG_STATE_HOME/syncmgr', async () => {
    const { dir, remove } = await tempDir();
    try {
      const xdg = { XDG_CONFIG_HOME: path.join(dir, 'config'), XDG_STATE_HOME: path.join(dir, 'state') };
      const clsid = randomUUID();
      const register = await runWithDefaultHome(dir, ['register', clsid, '--name', 'healthy', '--', ...fixtureCommand('well-behaved')], xdg);
      expect(register.exitCode).toBe(0);
      const sync = await runWithDefaultHome(dir, ['sync', '--json'], xdg);
      expect(sync.exitCode).toBe(0);
      const report = JSON.parse(String(sync.stdout)) as { sessionId: string; handlers: { items: { status: string }[] }[] };
      expect(report.handlers[0]?.items.map((item) => item.status)).toEqual(['succeeded', 'succeeded']);

      expect(await readdir(path.join(dir, 'config', 'syncmgr'))).toEqual(['registry.json']);
      const state = path.join(dir, 'state', 'syncmgr');
      expect((await readdir(state)).sort()).toEqual(['logs', 'results']);
      expect((await readdir(path.join(state, 'results'))).some((name) => name.includes(report.sessionId))).toBe(true);
      expect((await stat(state)).mode & 0o777).toBe(0o700);
      expect((await runWithDefaultHome(dir, ['results', report.sessionId, '--json'], xdg)).exitCode).toBe(0);
    } finally {
      await remove();
    }
  }, 60_000);

  it('falls back to ~/.config and ~/.local/state, ignoring relative XDG paths as the specification says', () => {
    const home = resolveHome(undefined, { HOME: '/home/u', XDG_STATE_HOME: 'relative/state' });
    expect(home.root).toMatch(/\/\.config\/syncmgr$/);
    expect(home.logs).toMatch(/\/\.local\/state\/syncmgr\/logs$/);
  });

  it('keeps everything in one folder when the home is chosen, by --home or $SYNCMGR_HOME', () => {
    const chosen = resolveHome(undefined, { SYNCMGR_HOME: '/srv/sync', XDG_STATE_HOME: '/var/state' });
    expect([chosen.registry, chosen.logs, chosen.results]).toEqual(['/srv/sync/registry.json', '/srv/sync/logs', '/srv/sync/results']);
    expect(resolveHome('/tmp/h', { XDG_STATE_HOME: '/var/state' }).results).toBe('/tmp/h/results');
  });
});
