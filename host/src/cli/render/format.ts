import { SyncMgrHandlerFlags, SyncMgrItemFlags } from '@syncmgr/protocol';
import type { HandlerReport, SessionReport } from '../../index.js';
import { handlerLabels } from './handler-label.js';

// Whole escape sequences, so none leaves its parameters behind as text: string sequences first
// (OSC, e.g. OSC 52 writing the clipboard; DCS, SOS, PM, APC), ended by BEL or ST, or unterminated;
// then CSI (cursor moves, screen clears); then any other ESC sequence. 7- and 8-bit forms alike.
/* eslint-disable no-control-regex -- matching control characters is these patterns' purpose */
const STRING_SEQUENCE = /(?:\u001b[\]PX^_]|[\u0090\u0098\u009d\u009e\u009f])[\s\S]*?(?:\u0007|\u001b\\|\u009c|$)/g;
const CSI_SEQUENCE = /(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]?/g;
const ESC_SEQUENCE = /\u001b[\u0020-\u002f]*[\u0030-\u007e]?/g;
// C0 and C1 control characters left over (newlines, tabs, BEL, a lone C1).
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
/* eslint-enable no-control-regex */
// Bidi embeddings, overrides and isolates: they would make a name read differently from what it is.
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from a handler made safe to print: escape sequences are removed whole, other control
 * characters (newlines included, so it cannot forge lines) become spaces, bidi controls are removed.
 */
export function printable(text: string): string {
  return text.replace(STRING_SEQUENCE, '').replace(CSI_SEQUENCE, '').replace(ESC_SEQUENCE, '').replace(CONTROL, ' ').replace(BIDI_CONTROL, '');
}

/** An argv array as a person would type it: arguments with spaces or quotes are quoted. */
export function formatCommand(argv: readonly string[]): string {
  return argv.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`)).join(' ');
}

/** The names of the bits set in a flags value, e.g. "HASPROPERTIES|TEMPORARY". */
export function flagNames(flags: number, table: Record<string, number>, prefix: string): string {
  const names = Object.entries(table)
    .filter(([name, bit]) => !name.endsWith('MASK') && bit !== 0 && (flags & bit) === bit)
    .map(([name]) => name.replace(prefix, ''));
  return names.length > 0 ? names.join('|') : 'none';
}

export const handlerFlagNames = (flags: number) => flagNames(flags, SyncMgrHandlerFlags, 'SYNCMGRHANDLER_');
export const itemFlagNames = (flags: number) => flagNames(flags, SyncMgrItemFlags, 'SYNCMGRITEM_');

export const OUTCOME_MARKS = { succeeded: '✔', failed: '✖', skipped: '↷', stopped: '■' } as const;

/** The end-of-session summary: each handler's result, its items and its log. */
export function formatSummary(report: SessionReport): string {
  const lines = [`session ${report.sessionId} (${report.event})`];
  if (report.handlers.length === 0) lines.push('  no handlers to run: register one with `syncmgr register`');
  const labelOf = handlerLabels(report.handlers);
  for (const handler of report.handlers) lines.push(...formatHandler(handler, labelOf(handler)));
  for (const id of report.itemsNotFound ?? []) lines.push(`  ✖ item ${id} was asked for, but no handler listed it`);
  return lines.join('\n');
}

function formatHandler(handler: HandlerReport, label: string): string[] {
  const head = `  ${handler.result === 'failed' ? '✖' : handler.result === 'declined' ? '–' : '●'} ${printable(label)}: ${handler.result}`;
  const lines = [handler.reason ? `${head} — ${printable(handler.reason)}` : head];
  if (handler.items.length === 0 && handler.result === 'succeeded') lines.push('      (no items selected)');
  for (const item of handler.items) {
    lines.push(`      ${OUTCOME_MARKS[item.status]} ${printable(item.name)}: ${item.status}${item.text ? ` — ${printable(item.text)}` : ''}`);
  }
  for (const entry of handler.log) lines.push(`      [${entry.level}] ${printable(entry.text)}`);
  return lines;
}
