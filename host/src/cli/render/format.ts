import { SyncMgrHandlerFlags, SyncMgrItemFlags } from '@syncmgr/protocol';
import type { HandlerReport, SessionReport } from '../../index.js';

// C0 and C1 control characters, including ESC: a handler's text must not drive the terminal.
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's purpose
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** Text from a handler made safe to print: control characters (escape sequences, newlines) become spaces. */
export function printable(text: string): string {
  return text.replace(CONTROL, ' ');
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
  for (const handler of report.handlers) lines.push(...formatHandler(handler));
  for (const id of report.itemsNotFound ?? []) lines.push(`  ✖ item ${id} was asked for, but no handler listed it`);
  return lines.join('\n');
}

function formatHandler(handler: HandlerReport): string[] {
  const head = `  ${handler.result === 'failed' ? '✖' : handler.result === 'declined' ? '–' : '●'} ${printable(handler.name)}: ${handler.result}`;
  const lines = [handler.reason ? `${head} — ${printable(handler.reason)}` : head];
  if (handler.items.length === 0 && handler.result === 'succeeded') lines.push('      (no items selected)');
  for (const item of handler.items) {
    lines.push(`      ${OUTCOME_MARKS[item.status]} ${printable(item.name)}: ${item.status}${item.text ? ` — ${printable(item.text)}` : ''}`);
  }
  for (const entry of handler.log) lines.push(`      [${entry.level}] ${printable(entry.text)}`);
  return lines;
}
