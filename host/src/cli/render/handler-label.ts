import type { Guid } from '@syncmgr/protocol';

/** A handler as a label needs it: HandlerRef, HandlerReport and LiveHandler all fit. */
export interface NamedHandler {
  clsid: Guid;
  /** The registered name. */
  name: string;
  /** The name it gave itself, once known. */
  ownName?: string | undefined;
}

// A class ID's first 8 hex digits tell registrations apart; more only when those are shared too.
const SHORT_CLSID = 8;

/**
 * The registered name, with the handler's own name beside it when that differs, e.g.
 * "hang-sync (faulty)". For listings that show the full class ID anyway. Not yet printable().
 */
export function handlerLabel({ name, ownName }: NamedHandler): string {
  return ownName && ownName !== name ? `${name} (${ownName})` : name;
}

/**
 * The labels of handlers shown together (a session, a listing): a registered name or a label that
 * another one shares gets a short class ID, e.g. "sync {1a2b3c4d}", so the two can be told apart.
 * A handler not among them gets its plain label. Not yet printable().
 */
export function handlerLabels(handlers: Iterable<NamedHandler>): (handler: NamedHandler) => string {
  const all = [...handlers];
  const labels = new Map(all.map((h) => [h.clsid, handlerLabel(h)]));
  const clashing = all.filter((h) =>
    all.some((other) => other.clsid !== h.clsid && (other.name === h.name || labels.get(other.clsid) === labels.get(h.clsid))),
  );
  const length = prefixLength(clashing.map((h) => h.clsid));
  for (const h of clashing) labels.set(h.clsid, `${labels.get(h.clsid)} {${hexDigits(h.clsid).slice(0, length)}}`);
  return (handler) => labels.get(handler.clsid) ?? handlerLabel(handler);
}

// The shortest prefix of the hex digits, from SHORT_CLSID on, that no two of the class IDs share.
function prefixLength(clsids: readonly Guid[]): number {
  const digits = clsids.map(hexDigits);
  let length = SHORT_CLSID;
  while (length < 32 && new Set(digits.map((d) => d.slice(0, length))).size < digits.length) length++;
  return length;
}

const hexDigits = (clsid: Guid) => clsid.replaceAll('-', '');
