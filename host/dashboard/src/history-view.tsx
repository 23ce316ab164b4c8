import { GetSessionReport, type SessionReportResult, type SessionSummary } from '@syncmgr/protocol';
import { useCallback, useRef, useState } from 'preact/hooks';
import { useApi } from './api.js';
import { formatDuration, formatTime, SESSION_RESULTS, sessionResult, type SessionResult } from './format.js';
import { pure } from './pure.js';
import { ReportView } from './report-view.js';
import type { DashboardState } from './state.js';
import { DataTable } from './data-table.js';

// History: the sessions with their event, start, duration and result, filterable by handler and
// result; Report shows one session's full report.

export function HistoryView({ state }: { state: DashboardState }) {
  const api = useApi();
  const [handler, setHandler] = useState<string>('all'); // 'all', or a class ID;
  const [result, setResult] = useState<SessionResult | 'all'>('all');
  const [report, setReport] = useState<SessionReportResult | undefined>(undefined);
  const reportRef = useRef<HTMLDivElement>(null);

  const show = useCallback(
    async (sessionId: string) => {
      const answer = await api.call(GetSessionReport, { sessionId });
      if (!answer) return;
      setReport(answer);
      requestAnimationFrame(() => reportRef.current?.querySelector<HTMLElement>('h2')?.focus());
    },
    [api],
  );
  const onReport = useCallback((sessionId: string) => void show(sessionId), [show]);

  return (
    <div class="stack">
      <div class="toolbar">
        <label>
          Handler{' '}
          <select value={handler} onChange={(e) => setHandler(e.currentTarget.value)}>
            <option value="all">All</option>
            {[...state.names].map(([clsid, name]) => (
              <option key={clsid} value={clsid}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Result{' '}
          <select value={result} onChange={(e) => setResult(e.currentTarget.value as SessionResult | 'all')}>
            <option value="all">All</option>
            {SESSION_RESULTS.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
      </div>
      <SessionsTable sessions={state.sessions} handler={handler} result={result} onReport={onReport} />
      <div ref={reportRef}>{report ? <ReportView result={report} onClose={() => setReport(undefined)} /> : null}</div>
    </div>
  );
}

interface SessionsTableProps {
  sessions: readonly SessionSummary[];
  /** 'all', or a class ID. */
  handler: string;
  result: SessionResult | 'all';
  onReport: (sessionId: string) => void;
}

const SessionsTable = pure(function SessionsTable({ sessions, handler, result, onReport }: SessionsTableProps) {
  const shown = sessions.filter((s) => (handler === 'all' || s.clsids.includes(handler)) && (result === 'all' || sessionResult(s) === result));
  return (
    <DataTable label="Sessions" columns={['Event', 'Started', 'Duration', 'Result']} empty="No sessions." isEmpty={shown.length === 0}>
      {shown.map((session) => (
        <tr key={session.sessionId} data-session-id={session.sessionId}>
          <td>{session.event}</td>
          <td>{formatTime(session.startedAt ?? session.queuedAt)}</td>
          <td>{formatDuration(session.startedAt, session.finishedAt)}</td>
          <td title={session.reason}>
            <span class={`badge badge-${sessionResult(session)}`}>{sessionResult(session)}</span>
          </td>
          <td>
            <button type="button" class="small" onClick={() => onReport(session.sessionId)}>
              Report
            </button>
          </td>
        </tr>
      ))}
    </DataTable>
  );
});
