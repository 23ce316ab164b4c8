import { DoctorHandlers, ShowHandlerProperties, type Guid, type HandlerEntry, type HandlerReport } from '@syncmgr/protocol';
import { useState } from 'preact/hooks';
import { useApi } from './api.js';
import { ChoicesDialog } from './choices-dialog.js';
import type { DashboardState } from './state.js';
import { DataTable } from './data-table.js';

// Handlers: the registry with each entry's command and events; Doctor for one or all, Properties
// (ShowProperties: its prompts show as on Now) and the Choice dialog.

/** What the status cell says of a handler after the last thing done to it. */
type RowStatus = Record<Guid, string>;

/**
 * Where the last Doctor and Properties of a row stand, as codes for the row's data-doctor and
 * data-properties: 'checking'/'open' while the daemon works, then the report's result, or
 * 'refused' when the daemon refused the call.
 */
type RowStates = Record<Guid, { doctor?: string; properties?: string }>;

function doctorText(report: HandlerReport): string {
  return report.result === 'succeeded' ? 'ok' : (report.fault?.reason ?? report.reason ?? report.result);
}

export function HandlersView({ state }: { state: DashboardState }) {
  const api = useApi();
  const [status, setStatus] = useState<RowStatus>({});
  const [choosing, setChoosing] = useState<HandlerEntry | undefined>(undefined);
  const [states, setStates] = useState<RowStates>({});
  const note = (clsid: Guid, text: string) => setStatus((previous) => ({ ...previous, [clsid]: text }));
  const mark = (clsid: Guid, what: 'doctor' | 'properties', code: string) =>
    setStates((previous) => ({ ...previous, [clsid]: { ...previous[clsid], [what]: code } }));

  const doctor = async (clsid?: Guid) => {
    const checked = clsid ? [clsid] : state.handlers.map((h) => h.clsid);
    for (const id of checked) {
      note(id, 'checking…');
      mark(id, 'doctor', 'checking');
    }
    const result = await api.call(DoctorHandlers, clsid ? { clsid } : {});
    if (!result) {
      for (const id of checked) {
        note(id, 'not checked');
        mark(id, 'doctor', 'refused');
      }
      return;
    }
    for (const report of result.handlers) {
      note(report.clsid, doctorText(report));
      mark(report.clsid, 'doctor', report.result);
    }
  };

  const properties = async (handler: HandlerEntry) => {
    note(handler.clsid, 'properties open…');
    mark(handler.clsid, 'properties', 'open');
    const result = await api.call(ShowHandlerProperties, { clsid: handler.clsid });
    if (!result) {
      mark(handler.clsid, 'properties', 'refused');
      return note(handler.clsid, 'properties failed');
    }
    mark(handler.clsid, 'properties', result.report.result);
    const failed = result.report.result === 'failed';
    note(
      handler.clsid,
      failed ? `properties: ${doctorText(result.report)}` : result.items ? `properties done; ${result.items.length} items now` : 'properties done',
    );
  };

  return (
    <div class="stack">
      <div class="toolbar">
        <button type="button" onClick={() => void doctor()} disabled={state.handlers.length === 0}>
          Doctor all
        </button>
      </div>
      <DataTable
        label="Handlers"
        columns={['Name', 'Class ID', 'Command', 'Events', 'Status']}
        empty="No handlers are registered."
        isEmpty={state.handlers.length === 0}
      >
        {state.handlers.map((handler) => (
          <tr key={handler.clsid} data-clsid={handler.clsid} data-doctor={states[handler.clsid]?.doctor} data-properties={states[handler.clsid]?.properties}>
            <td>{handler.name}</td>
            <td class="mono">{handler.clsid}</td>
            <td class="mono">{handler.command.join(' ')}</td>
            <td>{handler.events.length > 0 ? handler.events.join(', ') : <span class="muted">none</span>}</td>
            <td class="status-cell" aria-live="polite">
              {handler.quarantine ? <span class="badge badge-failed">quarantined</span> : null} {status[handler.clsid] ?? ''}
            </td>
            <td class="actions">
              <button type="button" class="small" onClick={() => void doctor(handler.clsid)}>
                Doctor {handler.name}
              </button>
              <button type="button" class="small" onClick={() => void properties(handler)}>
                Properties {handler.name}
              </button>
              <button type="button" class="small" onClick={() => setChoosing(handler)}>
                Choices {handler.name}
              </button>
            </td>
          </tr>
        ))}
      </DataTable>
      {choosing ? <ChoicesDialog clsid={choosing.clsid} name={choosing.name} onClose={() => setChoosing(undefined)} /> : null}
    </div>
  );
}
