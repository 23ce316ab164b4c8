import { GUID_NULL, normalizeGuid, isCanonicalGuid } from '@syncmgr/protocol';

describe('normalizeGuid', () => {
  it('accepts a class ID with or without braces, in any case', () => {
    const canonical = '6295df27-35ee-11d1-8707-00c04fd93327';
    expect(normalizeGuid('{6295DF27-35EE-11D1-8707-00C04FD93327}')).toBe(canonical);
    expect(normalizeGuid('6295DF27-35ee-11D1-8707-00C04FD93327')).toBe(canonical);
    expect(isCanonicalGuid(canonical)).toBe(true);
    expect(isCanonicalGuid(GUID_NULL)).toBe(true);
  });

  it('rejects unbalanced braces and non-GUIDs', () => {
    expect(normalizeGuid('{6295DF27-35EE-11D1-8707-00C04FD93327')).toBeUndefined();
    expect(normalizeGuid('not-a-guid')).toBeUndefined();
    expect(isCanonicalGuid('6295DF27-35EE-11D1-8707-00C04FD93327')).toBe(false);
  });
});
