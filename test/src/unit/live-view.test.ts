// The live view's model and frames, fed events in-process: fixed numbers, any item choosable,
// text cut with an ellipsis, a requested skip shown, a cancelled handler not shown as succeeded,
// handlers shown by their registered names with their own beside, a shared name with a class ID.
import { EventEmitter } from 'node:events';
import type { HandlerReport, ItemState } from '@syncmgr/host';
import { LiveModel, renderFrame } from '@syncmgr/host/internal/cli/render/live-view.js';

const H1 = '10000000-0000-4000-8000-000000000000';
const H2 = '20000000-0000-4000-8000-000000000000';
const itemId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const STYLE = { spinner: '*', columns: 200 };

function fed() {
  const events = new EventEmitter();
  const model = new LiveModel();
  model.follow(events);
  const ref = (clsid: string) => ({ sessionId: 's', clsid, name: `handler ${clsid[0]}` });
  return {
    model,
    phase: (clsid: string, phase: string) => events.emit('handlerPhase', ref(clsid), phase),
    progress: (clsid: string, n: number, status: ItemState['status'], text?: string) =>
      events.emit('itemProgress', ref(clsid), { itemId: itemId(n), name: `item ${n}`, status, ...(text ? { text } : {}) }),
    finish: (clsid: string, report: Partial<HandlerReport>) =>
      events.emit('handlerFinished', ref(clsid), { clsid, name: 'h', result: 'succeeded', items: [], log: [], ...report }),
  };
}

const headOf = (frame: string, clsid: string) => frame.split('\n').filter((line) => !line.startsWith(' '))[clsid === H1 ? 0 : 1] ?? '';
const lineOf = (frame: string, name: string) => frame.split('\n').find((line) => line.includes(`${name} `)) ?? '';

describe('the live view', () => {
  it('keeps each item’s number for the session, never giving it to another', () => {
    const { model, phase, progress } = fed();
    phase(H1, 'synchronize');
    phase(H2, 'synchronize');
    progress(H1, 1, 'updating');
    progress(H2, 2, 'updating');
    progress(H1, 3, 'updating');
    expect(model.skippable(2)).toMatchObject({ clsid: H2, itemId: itemId(2) });
    progress(H1, 1, 'succeeded');
    expect(model.skippable(1)).toBeUndefined();
    expect(model.skippable(2)).toMatchObject({ itemId: itemId(2) });
    expect(model.skippable(3)).toMatchObject({ itemId: itemId(3) });
    progress(H2, 4, 'updating');
    expect(model.highestNumber).toBe(4);
    const frame = renderFrame(model, STYLE);
    expect(lineOf(frame, 'item 3')).toContain('[3]');
    expect(lineOf(frame, 'item 1')).not.toContain('[1]');
    expect(lineOf(frame, 'item 4')).toContain('[4]');
  });

  it('numbers items past 9, each of them choosable', () => {
    const { model, phase, progress } = fed();
    phase(H1, 'synchronize');
    for (let n = 1; n <= 12; n++) progress(H1, n, 'updating');
    expect(model.skippable(12)).toMatchObject({ itemId: itemId(12) });
    expect(lineOf(renderFrame(model, STYLE), 'item 12')).toContain('[12]');
    expect(model.runningItems).toHaveLength(12);
  });

  it('shows "skipping…" on an item whose skip was asked for, until its final status', () => {
    const { model, phase, progress } = fed();
    phase(H1, 'synchronize');
    progress(H1, 1, 'updating');
    model.markSkipRequested(H1, itemId(1));
    progress(H1, 1, 'updating', 'still copying');
    expect(lineOf(renderFrame(model, STYLE), 'item 1')).toContain('skipping…');
    progress(H1, 1, 'skipped');
    const line = lineOf(renderFrame(model, STYLE), 'item 1');
    expect(line).not.toContain('skipping…');
    expect(line).toContain('skipped');
  });

  it('cuts long lines and texts with an ellipsis', () => {
    const { model, phase, progress } = fed();
    phase(H1, 'synchronize');
    progress(H1, 1, 'updating', 'x'.repeat(300));
    const frame = renderFrame(model, { spinner: '*', columns: 50 });
    for (const line of frame.split('\n')) expect([...line].length).toBeLessThanOrEqual(50);
    expect(lineOf(frame, 'item 1').endsWith('…')).toBe(true);
    const wide = lineOf(renderFrame(model, STYLE), 'item 1');
    expect(wide).toContain('…');
    expect(wide).not.toContain('x'.repeat(61));
  });

  it('shows a handler whose items a cancel stopped as cancelled, with the items stopped', () => {
    const { model, phase, progress, finish } = fed();
    phase(H1, 'synchronize');
    progress(H1, 1, 'updating');
    progress(H1, 2, 'pending');
    finish(H1, {
      result: 'succeeded',
      items: [
        { itemId: itemId(1), name: 'item 1', status: 'stopped' },
        { itemId: itemId(2), name: 'item 2', status: 'stopped' },
      ],
    });
    const frame = renderFrame(model, STYLE);
    const head = frame.split('\n')[0] ?? '';
    expect(head).toContain('cancelled');
    expect(head).not.toContain('succeeded');
    expect(lineOf(frame, 'item 1')).toContain('stopped');
    expect(lineOf(frame, 'item 2')).toContain('stopped');
    expect(model.runningItems).toEqual([]);
  });

  it('shows the registered name, and the handler’s own name beside it once it answered GetHandlerInfo', () => {
    const events = new EventEmitter();
    const model = new LiveModel();
    model.follow(events);
    const hangSync = { sessionId: 's', clsid: H1, name: 'hang-sync' };
    const flood = { sessionId: 's', clsid: H2, name: 'flood' };
    events.emit('handlerPhase', hangSync, 'start');
    events.emit('handlerPhase', flood, 'start');
    expect(headOf(renderFrame(model, STYLE), H1)).toBe('* hang-sync: start');
    events.emit('handlerInfo', { ...hangSync, ownName: 'faulty' }, { handlerName: 'faulty', handlerFlags: 0 });
    events.emit('handlerPhase', { ...flood, ownName: 'flood' }, 'enumeration');
    const frame = renderFrame(model, STYLE);
    expect(headOf(frame, H1)).toBe('* hang-sync (faulty): start');
    expect(headOf(frame, H2)).toBe('* flood: enumeration');
  });

  it('gives two handlers registered under one name a short class ID each', () => {
    const events = new EventEmitter();
    const model = new LiveModel();
    model.follow(events);
    events.emit('handlerPhase', { sessionId: 's', clsid: H1, name: 'mail', ownName: 'mail' }, 'synchronize');
    events.emit('handlerPhase', { sessionId: 's', clsid: H2, name: 'mail', ownName: 'mail' }, 'synchronize');
    const frame = renderFrame(model, STYLE);
    expect(headOf(frame, H1)).toBe('* mail {10000000}: synchronize');
    expect(headOf(frame, H2)).toBe('* mail {20000000}: synchronize');
  });
});
