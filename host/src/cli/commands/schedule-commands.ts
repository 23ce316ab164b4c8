import { Command } from 'commander';
import { AddSchedule, HResult, ListSchedules, RemoveSchedule, type Schedule } from '@syncmgr/protocol';
import type { SyncManager } from '../../index.js';
import { parseClsid } from '../../registry/registry-entry.js';
import { ExitCode } from '../exit-code.js';
import { collect } from '../options.js';
import { stderr, stdout } from '../output.js';
import { callDaemon } from './daemon-call.js';

interface AddOptions {
  cron: string;
  tz?: string;
  handler?: string[];
  item?: string[];
  json?: boolean;
}

/** syncmgr schedule add|list|remove: the daemon's schedules (SyncMgr's scheduled synchronization). */
export function scheduleCommand(manager: () => SyncManager): Command {
  const schedule = new Command('schedule').description('add, list or remove the schedules the daemon runs (it must be running: `syncmgr daemon`)');
  schedule
    .command('add')
    .description('add a schedule: a session of the scheduled event at each fire time; one missed while the daemon was down runs once at its next start')
    .requiredOption('--cron <expr>', 'a cron expression: five fields (minute hour day month weekday), or six with seconds first')
    .option('--tz <zone>', 'an IANA time zone for the expression (default: the daemon’s)')
    .option('--handler <clsid>', 'a handler to run (repeatable; default: every registered handler)', collect)
    .option('--item <id>', 'an item to synchronize (repeatable; default: the items chosen for the scheduled event)', collect)
    .option('--json', 'print the schedule as JSON')
    .action(async (options: AddOptions) => {
      const { schedule: added } = await callDaemon(manager(), AddSchedule, {
        cron: options.cron,
        ...(options.tz !== undefined ? { timeZone: options.tz } : {}),
        ...(options.handler ? { clsids: options.handler.map(parseClsid) } : {}),
        ...(options.item ? { itemIds: options.item } : {}),
      });
      if (options.json) stdout.json(added);
      else stdout.line(`added schedule ${describe(added)}`);
    });
  schedule
    .command('list')
    .description('list the schedules with their last and next runs')
    .option('--json', 'print them as JSON')
    .action(async (options: { json?: boolean }) => {
      const { schedules } = await callDaemon(manager(), ListSchedules, {});
      if (options.json) return stdout.json(schedules);
      if (schedules.length === 0) stdout.line('no schedules: add one with `syncmgr schedule add --cron EXPR`');
      for (const s of schedules) stdout.line(describe(s));
    });
  schedule
    .command('remove')
    .description('remove a schedule')
    .argument('<id>', 'the schedule ID, as `schedule list` shows it')
    .action(async (scheduleId: string) => {
      const { hr } = await callDaemon(manager(), RemoveSchedule, { scheduleId });
      if (hr === HResult.S_OK) return stdout.line(`removed schedule ${scheduleId}`);
      stderr.line(`syncmgr: there is no schedule ${scheduleId}: see \`syncmgr schedule list\``);
      process.exitCode = ExitCode.Usage;
    });
  return schedule;
}

function describe(s: Schedule): string {
  const zone = s.timeZone ? ` (${s.timeZone})` : '';
  const handlers = s.clsids ? `handlers ${s.clsids.join(', ')}` : 'every handler';
  const items = s.itemIds ? `, items ${s.itemIds.join(', ')}` : '';
  return `${s.scheduleId}  ${s.cron}${zone}  ${handlers}${items}  last ${s.lastRun ?? 'never'}  next ${s.nextRun ?? 'none'}`;
}
