import { Postponed } from '@syncmgr/host/internal/util/postponed.js';

describe('Postponed', () => {
  it('does the work once, when started or first awaited, and never rejects', async () => {
    let runs = 0;
    const work = new Postponed(() => {
      runs++;
      return Promise.reject(new Error('swallowed'));
    });
    expect(runs).toBe(0);
    work.start();
    work.start();
    await work.done();
    await work.done();
    expect(runs).toBe(1);
  });

  it('starts the work when awaited without having been started', async () => {
    let ran = false;
    await new Postponed(() => Promise.resolve(void (ran = true))).done();
    expect(ran).toBe(true);
  });
});
