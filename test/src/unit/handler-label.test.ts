// A handler's label: its registered name, its own name beside it when that differs, and a short
// class ID when another handler shown with it shares its registered name or its label.
import { handlerLabel, handlerLabels } from '@syncmgr/host/internal/cli/render/handler-label.js';

const A = '1a2b3c4d-0000-4000-8000-000000000001';
const B = '5e6f7a8b-0000-4000-8000-000000000002';
const C = '1a2b3c4d-e000-4000-8000-000000000003';

describe('handler labels', () => {
  it('are the registered name, with the handler’s own name beside it only when it differs', () => {
    expect(handlerLabel({ clsid: A, name: 'hang-sync', ownName: 'faulty' })).toBe('hang-sync (faulty)');
    expect(handlerLabel({ clsid: A, name: 'good', ownName: 'good' })).toBe('good');
    expect(handlerLabel({ clsid: A, name: 'good' })).toBe('good');
  });

  it('leave handlers whose names differ alone, even when their own names are the same', () => {
    const labelOf = handlerLabels([
      { clsid: A, name: 'hang-sync', ownName: 'faulty' },
      { clsid: B, name: 'flood', ownName: 'faulty' },
    ]);
    expect(labelOf({ clsid: A, name: 'hang-sync', ownName: 'faulty' })).toBe('hang-sync (faulty)');
    expect(labelOf({ clsid: B, name: 'flood', ownName: 'faulty' })).toBe('flood (faulty)');
  });

  it('add a short class ID to a shared registered name, whatever the own names', () => {
    const labelOf = handlerLabels([
      { clsid: A, name: 'mail', ownName: 'Mail' },
      { clsid: B, name: 'mail' },
    ]);
    expect(labelOf({ clsid: A, name: 'mail', ownName: 'Mail' })).toBe('mail (Mail) {1a2b3c4d}');
    expect(labelOf({ clsid: B, name: 'mail' })).toBe('mail {5e6f7a8b}');
  });

  it('add a short class ID to a shared label, as a registered name can read like another’s label', () => {
    const labelOf = handlerLabels([
      { clsid: A, name: 'mail (work)' },
      { clsid: B, name: 'mail', ownName: 'work' },
    ]);
    expect(labelOf({ clsid: A, name: 'mail (work)' })).toBe('mail (work) {1a2b3c4d}');
    expect(labelOf({ clsid: B, name: 'mail', ownName: 'work' })).toBe('mail (work) {5e6f7a8b}');
  });

  it('lengthen the short class IDs until they differ', () => {
    const labelOf = handlerLabels([
      { clsid: A, name: 'mail' },
      { clsid: C, name: 'mail' },
    ]);
    expect(labelOf({ clsid: A, name: 'mail' })).toBe('mail {1a2b3c4d0}');
    expect(labelOf({ clsid: C, name: 'mail' })).toBe('mail {1a2b3c4de}');
  });
});
