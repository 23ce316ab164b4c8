// ItemIdSet: the IDs an enumeration listed, kept as 128-bit GUIDs, so that a duplicate is dropped.
import { ItemIdSet } from '@syncmgr/host/internal/session/item-id-set.js';

const idOf = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

describe('ItemIdSet', () => {
  it('tells a new ID from one added before, across its growth', () => {
    const set = new ItemIdSet();
    for (let i = 0; i < 20_000; i++) expect(set.add(idOf(i))).toBe(true);
    for (let i = 0; i < 20_000; i += 997) expect(set.add(idOf(i))).toBe(false);
    expect(set.size).toBe(20_000);
  });

  it('tells apart GUIDs that differ in any one word', () => {
    const set = new ItemIdSet();
    const ids = [
      '10000000-0000-0000-0000-000000000000',
      '00000000-1000-0000-0000-000000000000',
      '00000000-0000-0010-0000-000000000000',
      '00000000-0000-0000-0000-000000000001',
      'ffffffff-ffff-ffff-ffff-ffffffffffff',
    ];
    for (const id of ids) expect(set.add(id)).toBe(true);
    for (const id of ids) expect(set.add(id)).toBe(false);
    expect(set.size).toBe(ids.length);
  });

  it('keeps an ID not in canonical form as text, distinct from its canonical form', () => {
    const set = new ItemIdSet();
    expect(set.add('AAAAAAAA-0000-0000-0000-000000000000')).toBe(true);
    expect(set.add('aaaaaaaa-0000-0000-0000-000000000000')).toBe(true);
    expect(set.add('AAAAAAAA-0000-0000-0000-000000000000')).toBe(false);
    expect(set.add('not a guid')).toBe(true);
    expect(set.add('not a guid')).toBe(false);
    expect(set.size).toBe(3);
  });
});
