import { AddSchedule, RemoveSchedule, type Guid } from '@syncmgr/protocol';
import { useId, useState } from 'preact/hooks';
import { useApi } from './api.js';
import { formatTime } from './format.js';
import type { DashboardState } from './state.js';
import { DataTable } from './data-table.js';

// Schedules: the list, Add (a refused cron expression or time zone shows in the alert) and Remove.

/**
 * A time for people, in the schedule's time zone (the one its cron expression is read in, not the
 * browser's: `0 3 * * *` in Europe/Berlin reads 3:00), with the daemon's ISO string in datetime.
 * A dash when there is none.
 */
export function scheduleTime(iso: string | undefined, timeZone: string | undefined): string {
  if (!iso) return formatTime(iso);
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return date.toLocaleString(undefined, { timeZone, timeZoneName: 'short' });
  } catch {
    return formatTime(iso); // a zone the daemon knows and this browser does not
  }
}

const when = (iso: string | undefined, timeZone: string | undefined) => (iso ? <time dateTime={iso}>{scheduleTime(iso, timeZone)}</time> : formatTime(iso));

export function SchedulesView({ state }: { state: DashboardState }) {
  const api = useApi();
  const [cron, setCron] = useState('');
  const [timeZone, setTimeZone] = useState('');
  const cronId = useId();
  const zoneId = useId();
  const reload = async () => {
    try {
      await api.link.loadSchedules(await api.link.ready());
    } catch (error) {
      api.alert(`schedules/list: ${String(error)}`);
    }
  };
  const names = (clsids: Guid[] | undefined) => (clsids ? clsids.map((c) => state.names.get(c) ?? c).join(', ') : 'those chosen for scheduled');

  const add = async () => {
    const result = await api.call(AddSchedule, { cron: cron.trim(), ...(timeZone.trim() ? { timeZone: timeZone.trim() } : {}) });
    if (!result) return;
    setCron('');
    setTimeZone('');
    await reload();
  };

  return (
    <div class="stack">
      <DataTable
        label="Schedules"
        columns={['Cron', 'Time zone', 'Handlers', 'Next run', 'Last run']}
        empty="No schedules."
        isEmpty={state.schedules.length === 0}
      >
        {state.schedules.map((schedule) => (
          <tr key={schedule.scheduleId} data-schedule-id={schedule.scheduleId}>
            <td class="mono">{schedule.cron}</td>
            <td>{schedule.timeZone ?? <span class="muted">the daemon's</span>}</td>
            <td>{names(schedule.clsids)}</td>
            <td>{when(schedule.nextRun, schedule.timeZone)}</td>
            <td>{when(schedule.lastRun, schedule.timeZone)}</td>
            <td>
              <button
                type="button"
                class="small"
                onClick={() => void api.call(RemoveSchedule, { scheduleId: schedule.scheduleId }).then((r) => (r ? reload() : undefined))}
              >
                Remove
              </button>
            </td>
          </tr>
        ))}
      </DataTable>
      <form
        class="form form-inline card"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <div class="field">
          <label for={cronId}>Cron</label>
          <input id={cronId} class="mono" required placeholder="0 */2 * * *" value={cron} onInput={(e) => setCron(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for={zoneId}>Time zone</label>
          <input id={zoneId} placeholder="Europe/Berlin" value={timeZone} onInput={(e) => setTimeZone(e.currentTarget.value)} />
        </div>
        <button type="submit" class="primary">
          Add schedule
        </button>
      </form>
    </div>
  );
}
