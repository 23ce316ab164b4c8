import type { HandlerFault, HandlerReport, SessionReportResult } from '@syncmgr/protocol';
import { formatDuration, formatTime, sessionResult } from './format.js';

// A session's full report: each handler's result and items, and for a failed handler its reason and
// fault (exit code or signal, the stderr tail, whether the call in flight ran).

const CALL_OUTCOMES = {
  'did-not-run': 'did not run',
  'may-have-run': 'may have run',
  'ran-without-completing': 'ran without completing',
} as const;

export function ReportView({ result, onClose }: { result: SessionReportResult; onClose: () => void }) {
  const { session, report } = result;
  return (
    <section role="region" aria-label="Session report" class="card" data-session-id={session.sessionId}>
      <header class="card-header">
        <h2 tabIndex={-1}>
          Session {session.event} <span class={`badge badge-${sessionResult(session)}`}>{sessionResult(session)}</span>
        </h2>
        <button type="button" onClick={onClose}>
          Close report
        </button>
      </header>
      <p class="muted">
        Started {formatTime(session.startedAt ?? session.queuedAt)}, took {formatDuration(session.startedAt, session.finishedAt)}
        {session.reason ? `; ${session.reason}` : ''}
      </p>
      {report ? (
        report.handlers.map((handler) => <HandlerSection key={handler.clsid} handler={handler} />)
      ) : (
        <p class="muted">Nothing was kept of this session.</p>
      )}
      {report?.itemsNotFound?.length ? <p>Items no handler listed: {report.itemsNotFound.join(', ')}</p> : null}
    </section>
  );
}

function HandlerSection({ handler }: { handler: HandlerReport }) {
  return (
    <div class="handler" data-clsid={handler.clsid} data-result={handler.result}>
      <div class="handler-header">
        <h3>
          {handler.name}
          {handler.ownName && handler.ownName !== handler.name ? <span class="muted"> ({handler.ownName})</span> : null}
        </h3>
        <span class={`badge badge-${handler.result}`}>{handler.result}</span>
      </div>
      {handler.reason ? <p class={`reason reason-${handler.result}`}>{handler.reason}</p> : null}
      {handler.fault ? <FaultDetails fault={handler.fault} showReason={handler.fault.reason !== handler.reason} /> : null}
      {handler.items.length > 0 ? (
        <ul class="plain report-items">
          {handler.items.map((item) => (
            <li key={item.itemId} data-item-id={item.itemId} data-status={item.status}>
              {item.name}: <span class={`status status-${item.status}`}>{item.status}</span>
              {item.text ? <span class="muted"> — {item.text}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {handler.log.length > 0 ? (
        <ul class="plain report-log">
          {handler.log.map((entry, index) => (
            <li key={index}>
              <span class={`level level-${entry.level}`}>{entry.level}</span> {entry.text}
            </li>
          ))}
        </ul>
      ) : null}
      {handler.leftovers?.length ? (
        <p class="muted">Ended processes it left running: {handler.leftovers.map((p) => `${p.pid} (${p.command})`).join(', ')}</p>
      ) : null}
    </div>
  );
}

function FaultDetails({ fault, showReason }: { fault: HandlerFault; showReason: boolean }) {
  return (
    <dl class="fault">
      <dt>Fault</dt>
      <dd>
        {fault.kind} in {fault.phase}
      </dd>
      {showReason ? (
        <>
          <dt>Reason</dt>
          <dd>{fault.reason}</dd>
        </>
      ) : null}
      {fault.exitCode !== undefined ? (
        <>
          <dt>Exit code</dt>
          <dd>{fault.exitCode}</dd>
        </>
      ) : null}
      {fault.signal ? (
        <>
          <dt>Signal</dt>
          <dd>{fault.signal}</dd>
        </>
      ) : null}
      {fault.call ? (
        <>
          <dt>Call in flight</dt>
          <dd>
            {fault.call.method}: {CALL_OUTCOMES[fault.call.outcome]}
          </dd>
        </>
      ) : null}
      {fault.stderrTail ? (
        <>
          <dt>Standard error (tail)</dt>
          <dd>
            <pre>{fault.stderrTail}</pre>
          </dd>
        </>
      ) : null}
      {fault.strayOutput ? (
        <>
          <dt>Stray output</dt>
          <dd>
            <pre>{fault.strayOutput}</pre>
          </dd>
        </>
      ) : null}
    </dl>
  );
}
