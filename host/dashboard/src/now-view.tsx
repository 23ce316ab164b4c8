import { CancelHandler, CancelSession, ResetHandler, SkipItem, UpdateAll, type Guid, type ItemState, type QuarantinedHandler } from '@syncmgr/protocol';
import { useApi } from './api.js';
import { percent } from './format.js';
import type { DashboardState, LiveHandler, LiveSession } from './state.js';

// Now: every running and queued session with its handlers and items, Stop and Skip, and the
// quarantined handlers.

const SKIPPABLE = new Set<ItemState['status']>(['pending', 'updating', 'updatingIndeterminate', 'paused', 'resuming']);

export function NowView({ state }: { state: DashboardState }) {
  const api = useApi();
  const sessions = [...state.live.values()];
  const stopAll = () => {
    for (const session of sessions) if (session.endedAt === undefined) void api.call(CancelSession, { sessionId: session.summary.sessionId });
  };
  return (
    <div class="stack">
      <div class="toolbar">
        <button type="button" class="primary" onClick={() => void api.call(UpdateAll, {})}>
          Sync all
        </button>
        <button type="button" onClick={stopAll} disabled={!sessions.some((s) => s.endedAt === undefined)}>
          Stop all
        </button>
      </div>
      {sessions.length === 0 ? <p class="muted empty">Nothing is synchronizing.</p> : null}
      {sessions.map((session) => (
        <SessionCard key={session.summary.sessionId} session={session} names={state.names} />
      ))}
      {state.quarantined.length > 0 ? <Quarantined handlers={state.quarantined} /> : null}
    </div>
  );
}

function SessionCard({ session, names }: { session: LiveSession; names: ReadonlyMap<Guid, string> }) {
  const api = useApi();
  const { summary } = session;
  const over = session.endedAt !== undefined;
  return (
    <section role="region" aria-label={`Session ${summary.event}`} data-session-id={summary.sessionId} data-state={summary.state} class="card">
      <header class="card-header">
        <h2>
          {summary.event} <span class={`badge badge-${summary.state}`}>{summary.state}</span>
        </h2>
        {over ? null : (
          <button type="button" onClick={() => void api.call(CancelSession, { sessionId: summary.sessionId })}>
            Stop session
          </button>
        )}
      </header>
      {[...session.handlers.values()].map((handler) => (
        <HandlerGroup key={handler.ref.clsid} handler={handler} name={displayName(handler, names)} over={over} />
      ))}
    </section>
  );
}

function displayName(handler: LiveHandler, names: ReadonlyMap<Guid, string>): string {
  return handler.ref.name !== handler.ref.clsid ? handler.ref.name : (names.get(handler.ref.clsid) ?? handler.ref.clsid);
}

function HandlerGroup({ handler, name, over }: { handler: LiveHandler; name: string; over: boolean }) {
  const api = useApi();
  const { sessionId, clsid } = handler.ref;
  return (
    <div role="group" aria-label={name} data-clsid={clsid} class="handler">
      <div class="handler-header">
        <h3>
          {name}
          {handler.ref.ownName && handler.ref.ownName !== name ? <span class="muted"> ({handler.ref.ownName})</span> : null}
        </h3>
        {handler.phase ? <span class="muted">{handler.phase}</span> : null}
        {over ? null : (
          <button type="button" onClick={() => void api.call(CancelHandler, { sessionId, clsid })}>
            Stop {name}
          </button>
        )}
      </div>
      <ul class="items">
        {[...handler.items.values()].map((item) => (
          <li key={item.itemId} data-item-id={item.itemId} data-status={item.status} class="item">
            <span class="item-name">{item.name}</span>
            <ItemProgress item={item} />
            <span class={`status status-${item.status}`}>{item.status}</span>
            <span class="item-text">{item.text ?? ''}</span>
            {SKIPPABLE.has(item.status) && !over ? (
              <button type="button" class="small" onClick={() => void api.call(SkipItem, { sessionId, clsid, itemId: item.itemId })}>
                Skip {item.name}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

function ItemProgress({ item }: { item: ItemState }) {
  const known = item.maxValue !== undefined && item.maxValue > 0 && item.progValue !== undefined;
  const done = item.status === 'succeeded';
  const shown = percent(item.progValue, item.maxValue);
  if (known) return <progress aria-label={item.name} value={Math.min(item.progValue ?? 0, item.maxValue ?? 0)} max={item.maxValue} title={`${shown ?? 0}%`} />;
  // No maximum given: indeterminate while it runs, full once it succeeded, empty otherwise.
  if (item.status === 'updating' || item.status === 'updatingIndeterminate' || item.status === 'resuming') return <progress aria-label={item.name} />;
  return <progress aria-label={item.name} value={done ? 1 : 0} max={1} />;
}

function Quarantined({ handlers }: { handlers: readonly QuarantinedHandler[] }) {
  const api = useApi();
  return (
    <section role="region" aria-label="Quarantined handlers" class="card card-warning">
      <h2>Quarantined handlers</h2>
      <p class="muted">Triggers and schedules skip these handlers until they are reset or synchronized by hand.</p>
      <ul class="plain">
        {handlers.map((handler) => (
          <li key={handler.clsid} data-clsid={handler.clsid} class="quarantined">
            <strong>{handler.name}</strong>
            <div class="reasons">
              {handler.reasons.map((reason, index) => (
                <p key={index}>{reason}</p>
              ))}
            </div>
            <button type="button" onClick={() => void api.call(ResetHandler, { clsid: handler.clsid })}>
              Reset {handler.name}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
