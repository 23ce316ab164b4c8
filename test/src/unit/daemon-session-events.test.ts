// `sync` through the daemon on a terminal draws the same live view from the daemon's events: phases,
// item progress and log entries as they come, and how each handler ended from the session's report.
import type { DaemonEvent, DaemonEventBody, SessionReport } from '@syncmgr/protocol';
import { DaemonSessionEvents } from '@syncmgr/host/internal/cli/render/daemon-session-events.js';
import { LiveModel, renderFrame } from '@syncmgr/host/internal/cli/render/live-view.js';

const CLSID = '10000000-0000-4000-8000-000000000000';
const handler = { sessionId: 's', clsid: CLSID, name: 'mail' };
const itemId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
let seq = 0;
const event = (body: DaemonEventBody): DaemonEvent => ({ seq: ++seq, at: new Date(0).toISOString(), sessionId: 's', body });
const progress = (n: number, status: 'updating' | 'succeeded') =>
  event({ kind: 'itemProgress', handler, item: { itemId: itemId(n), name: `item ${n}`, status } });

function followed() {
  const events = new DaemonSessionEvents();
  const model = new LiveModel();
  model.follow(events);
  return { events, model, frame: () => renderFrame(model, { spinner: '*', columns: 200 }) };
}

it('shows the items as their progress comes, with the log entries counted, skippable while synchronizing', () => {
  const { events, model, frame } = followed();
  events.feed(event({ kind: 'handlerPhase', handler, phase: 'synchronize' }));
  events.feed(progress(1, 'updating'));
  events.feed(progress(2, 'updating'));
  events.feed(event({ kind: 'log', handler, entry: { level: 'warning', text: 'slow server' } }));
  expect(model.skippable(2)).toMatchObject({ clsid: CLSID, itemId: itemId(2) });
  expect(frame()).toMatch(/\* mail: .*\(1 log entry\)/);
  expect(frame()).toMatch(/\[1\] \* item 1 +updating/);
});

it('shows how each handler ended once the report comes, and nothing is skippable any more', () => {
  const { events, model, frame } = followed();
  events.feed(event({ kind: 'handlerPhase', handler, phase: 'synchronize' }));
  events.feed(progress(1, 'succeeded'));
  const report: SessionReport = {
    sessionId: 's',
    event: 'manual',
    startedAt: new Date(0).toISOString(),
    finishedAt: new Date(0).toISOString(),
    handlers: [{ clsid: CLSID, name: 'mail', result: 'succeeded', items: [{ itemId: itemId(1), name: 'item 1', status: 'succeeded' }], log: [] }],
  };
  events.finish(report);
  expect(frame().split('\n')[0]).toMatch(/^● mail/);
  expect(model.skippable(1)).toBeUndefined();
});
