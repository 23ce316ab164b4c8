import { ShowLogEntry, type LogLevel } from '@syncmgr/protocol';
import { useCallback, useRef, useState } from 'preact/hooks';
import { useApi } from './api.js';
import { pure } from './pure.js';
import { itemKey, type DashboardState, type LogRow } from './state.js';
import type { Store } from './store.js';
import { DataTable } from './data-table.js';

// Results: the log entries by level, with their items; an actionable entry opens with ShowError,
// and the retry it asks for shows in the Retry status and in the row's item status.

const LEVELS: readonly LogLevel[] = ['error', 'warning', 'information'];

export function ResultsView({ state, store }: { state: DashboardState; store: Store }) {
  const api = useApi();
  const [level, setLevel] = useState<LogLevel | 'all'>('all');
  const [retry, setRetry] = useState('');

  const open = async (row: LogRow) => {
    if (!row.entry.errorId) return;
    const itemName = row.entry.itemId ? nameOf(state, row) : undefined;
    setRetry(`Opening ${itemName ?? 'the entry'}…`);
    const result = await api.call(ShowLogEntry, { sessionId: row.sessionId, clsid: row.handler.clsid, errorId: row.entry.errorId });
    if (!result) return setRetry('The entry could not be opened.');
    if (result.report) store.dispatch({ kind: 'sessionReport', result: { session: sessionOf(state, row.sessionId), report: result.report } });
    // The entry's item when it names one, else every item of its handler: what the retry touched.
    const handler = result.report?.handlers.find((h) => h.clsid === row.handler.clsid);
    const items = handler?.items.filter((i) => !row.entry.itemId || i.itemId === row.entry.itemId) ?? [];
    const outcome = items.map((i) => `${i.name}: ${i.status}${i.text ? ` (${i.text})` : ''}`).join('; ');
    setRetry(outcome ? `Retried. ${outcome}` : result.hr === 0 ? 'Done.' : `Done (hr ${result.hr}).`);
  };

  // One function for the page's life, so the table's props stay equal while nothing changed.
  const openRef = useRef(open);
  openRef.current = open;
  const onOpen = useCallback((row: LogRow) => void openRef.current(row), []);

  return (
    <div class="stack">
      <div class="toolbar">
        <label>
          Level{' '}
          <select value={level} onChange={(e) => setLevel(e.currentTarget.value as LogLevel | 'all')}>
            <option value="all">All</option>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <div role="status" aria-label="Retry" class="retry">
          {retry}
        </div>
      </div>
      <LogTable log={state.log} level={level} itemStates={state.itemStates} onOpen={onOpen} />
    </div>
  );
}

function sessionOf(state: DashboardState, sessionId: string) {
  return (
    state.sessions.find((s) => s.sessionId === sessionId) ?? {
      sessionId,
      event: 'manual' as const,
      state: 'finished' as const,
      clsids: [],
      queuedAt: new Date().toISOString(),
    }
  );
}

function nameOf(state: DashboardState, row: LogRow): string | undefined {
  if (!row.entry.itemId) return undefined;
  return state.itemStates.get(itemKey(row.sessionId, row.handler.clsid, row.entry.itemId))?.name;
}

interface LogTableProps {
  log: DashboardState['log'];
  level: LogLevel | 'all';
  itemStates: DashboardState['itemStates'];
  onOpen: (row: LogRow) => void;
}

// Memoized on the log's reference: a frame that changed no entry and no item does not rerender 2,000 rows.
const LogTable = pure(function LogTable({ log, level, itemStates, onOpen }: LogTableProps) {
  const rows = log.filter((row) => level === 'all' || row.entry.level === level).reverse();
  return (
    <DataTable label="Log" columns={['Level', 'Handler', 'Item', 'Text', 'Session']} empty="No entries." isEmpty={rows.length === 0}>
      {rows.map((row) => {
        const item = row.entry.itemId ? itemStates.get(itemKey(row.sessionId, row.handler.clsid, row.entry.itemId)) : undefined;
        return (
          <tr key={row.key} data-error-id={row.entry.errorId} data-level={row.entry.level}>
            <td>
              <span class={`level level-${row.entry.level}`}>{row.entry.level}</span>
            </td>
            <td>{row.handler.name}</td>
            <td>
              {item ? (
                <>
                  {item.name}{' '}
                  <span class={`status status-${item.status}`} data-item-status={item.status}>
                    {item.status}
                  </span>
                </>
              ) : (
                (row.entry.itemId ?? '')
              )}
            </td>
            <td class="text">{row.entry.text}</td>
            <td class="mono">{row.sessionId.slice(0, 8)}</td>
            <td>
              {row.entry.actionable && row.entry.errorId ? (
                <button type="button" class="small" onClick={() => onOpen(row)}>
                  Open
                </button>
              ) : null}
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
});
