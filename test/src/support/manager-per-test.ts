import { SyncManager } from '@syncmgr/host';
import { handlersOfThisHost } from './processes.js';
import { tempDir } from './temp-dir.js';

/**
 * Gives each test a SyncManager on a fresh home, and checks after each test that no handler
 * process it started is left. Returns a getter, since the manager changes from test to test.
 */
export function managerPerTest(): () => SyncManager {
  let manager: SyncManager | undefined;
  let remove: () => Promise<void> = () => Promise.resolve();
  beforeEach(async () => {
    const home = await tempDir();
    remove = home.remove;
    manager = new SyncManager({ home: home.dir });
  });
  afterEach(async () => {
    expect(handlersOfThisHost()).toEqual([]);
    await remove();
  });
  return () => manager!;
}
