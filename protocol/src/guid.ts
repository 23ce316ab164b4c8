/**
 * A GUID in canonical wire form: lower-case hex with dashes, no braces.
 * Class IDs, item IDs and error IDs are all GUIDs, as in SyncMgr.
 * @pattern ^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$
 */
export type Guid = string;

/** GUID_NULL: "the handler itself" in ShowProperties, "all my entries" in DeleteLogError. */
export const GUID_NULL: Guid = '00000000-0000-0000-0000-000000000000';

const CANONICAL_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const GUID_PATTERN = /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/;

/** The canonical form of a GUID written with or without braces, in any case; undefined if it is not one. */
export function normalizeGuid(text: string): Guid | undefined {
  // Most GUIDs come canonical already: one test, and no new string (B5 lists a million of them).
  if (CANONICAL_PATTERN.test(text)) return text;
  const trimmed = text.trim();
  const match = GUID_PATTERN.exec(trimmed);
  if (!match?.[1]) return undefined;
  const balanced = trimmed.startsWith('{') === trimmed.endsWith('}');
  return balanced ? match[1].toLowerCase() : undefined;
}

/** True when the value is a GUID in canonical (wire) form. */
export function isCanonicalGuid(value: unknown): value is Guid {
  return typeof value === 'string' && normalizeGuid(value) === value;
}
