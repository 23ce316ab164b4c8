import { Command } from 'commander';
import { HResult, ResetHandler, TriggerConnect, TriggerIdle, TriggerPendingDisconnect, TriggerScheduled, type TriggerResult } from '@syncmgr/protocol';
import type { SyncManager } from '../../index.js';
import { parseClsid } from '../../registry/registry-entry.js';
import { stderr, stdout } from '../output.js';
import { callDaemon } from './daemon-call.js';

interface TriggerOptions {
  json?: boolean;
}

/** syncmgr trigger connect|pendingdisconnect|idle [--end]|scheduled: events from outside, for the daemon. */
export function triggerCommand(manager: () => SyncManager): Command {
  const trigger = new Command('trigger').description(
    'tell the running daemon an event happened (network up, logoff, idle, a schedule), for scripts such as swayidle or a NetworkManager dispatcher',
  );
  const print = (event: string, result: TriggerResult, options: TriggerOptions) => {
    if (options.json) return stdout.json(result);
    if (result.hr === HResult.S_FALSE)
      stderr.line(`syncmgr: no handler takes part in ${event} (register one with --event, or it is quarantined: see \`syncmgr status\`)`);
    else stdout.line(result.sessionId ? `session ${result.sessionId} started for ${event}` : `${event}: done`);
  };
  trigger
    .command('connect')
    .description('the network came up (SYNCMGRFLAG_CONNECT): start the connect session')
    .option('--json', 'print the answer as JSON')
    .action(async (options: TriggerOptions) => print('connect', await callDaemon(manager(), TriggerConnect, {}), options));
  trigger
    .command('pendingdisconnect')
    .description('the user is leaving (SYNCMGRFLAG_PENDINGDISCONNECT): run that session and return when it has ended')
    .option('--json', 'print the answer as JSON')
    .action(async (options: TriggerOptions) => print('pendingdisconnect', await callDaemon(manager(), TriggerPendingDisconnect, {}), options));
  trigger
    .command('idle')
    .description('the machine went idle (SYNCMGRFLAG_IDLE): start the idle session; with --end the user is back and idle sessions are cancelled')
    .option('--end', 'idle is over: cancel the idle sessions')
    .option('--json', 'print the answer as JSON')
    .action(async (options: TriggerOptions & { end?: boolean }) => {
      const result = await callDaemon(manager(), TriggerIdle, { idle: options.end !== true });
      if (options.end && !options.json) return stdout.line('idle is over: the idle sessions were cancelled');
      print('idle', result, options);
    });
  trigger
    .command('scheduled')
    .description('run the scheduled event’s session now (SYNCMGRFLAG_SCHEDULED), as a schedule would')
    .option('--json', 'print the answer as JSON')
    .action(async (options: TriggerOptions) => print('scheduled', await callDaemon(manager(), TriggerScheduled, {}), options));
  return trigger;
}

/** syncmgr reset CLSID: lifts a handler's quarantine (restart intensity). */
export function resetCommand(manager: () => SyncManager): Command {
  return new Command('reset')
    .description('lift the quarantine of a handler whose triggered sessions failed too often, so triggers run it again')
    .argument('<clsid>', 'the handler’s class ID')
    .option('--json', 'print the answer as JSON')
    .action(async (text: string, options: TriggerOptions) => {
      const clsid = parseClsid(text);
      const result = await callDaemon(manager(), ResetHandler, { clsid });
      if (options.json) return stdout.json(result);
      stdout.line(result.hr === HResult.S_OK ? `{${clsid}} is no longer quarantined` : `{${clsid}} was not quarantined`);
    });
}
