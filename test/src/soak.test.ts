import { runSoak } from './soak/run-soak.js';
import { handlersOfThisHost } from './support/processes.js';
import { tempDir } from './support/temp-dir.js';

// The short version of `npm run soak`: sessions with healthy and faulty handlers in one host process.
describe('a short soak', () => {
  it('runs 30 sessions with faulty handlers and leaves no session reachable, no process, no descriptor and no surprise behind', async () => {
    const { dir, remove } = await tempDir();
    try {
      const result = await runSoak(dir, 30);
      expect(result.unexpected).toEqual([]);
      expect(result.liveSessions).toBe(0);
      expect(result.failedAsExpected).toBeGreaterThan(20);
      expect(result.end.fds).toBeLessThanOrEqual(result.start.fds);
      expect(result.end.rssBytes - result.start.rssBytes).toBeLessThan(64 * 1024 * 1024);
      expect(result.externalGrowthBytes).toBeLessThan(8 * 1024 * 1024);
      expect(handlersOfThisHost()).toEqual([]);
    } finally {
      await remove();
    }
  }, 120_000);
});
