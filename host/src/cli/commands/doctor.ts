import { Command } from 'commander';
import type { DoctorResult, StateFileStatus, SyncManager } from '../../index.js';
import { describeCgroupPlace } from '../../process/cgroup-place.js';
import { ExitCode } from '../exit-code.js';
import { parseSeconds } from '../options.js';
import { formatCommand, printable } from '../render/format.js';
import { handlerLabel } from '../render/handler-label.js';
import { stdout } from '../output.js';

interface DoctorOptions {
  startTimeout?: number;
  json?: boolean;
}

/** syncmgr doctor [CLSID]: the state files first; the handlers, in parallel, when the state is sound. */
export function doctorCommand(manager: () => SyncManager): Command {
  return new Command('doctor')
    .description('check the state files, then the registered handlers without syncing: each command starts and its handshake answers')
    .argument('[clsid]', 'only this handler (default: every registered handler)')
    .option(
      '--start-timeout <seconds>',
      "how long each may take to answer the handshake (default: the entry's start timeout, else 30; 0 means none)",
      parseSeconds,
    )
    .option(
      '--json',
      'print the checks as JSON: {state: [{path, problem?: {code, message}}], handlers: [{clsid, name, ownName?, command, result, reason?}], containment}',
    )
    .addHelpText(
      'after',
      '\nExit codes: 0 the state is sound and every handler starts and answers, 1 a handler does not, 2 a state file is unsafe or corrupt, or no such class ID.',
    )
    .action(async (clsid: string | undefined, options: DoctorOptions) => {
      const state = await manager().reviewState();
      const sound = state.every((file) => !file.problem);
      // A handler cannot be started against unsound state: its log, its choices, its config.
      const handlers = sound ? await manager().doctor(clsid, options.startTimeout !== undefined ? { startTimeoutSeconds: options.startTimeout } : {}) : [];
      process.exitCode = !sound ? ExitCode.Usage : handlers.some((c) => c.report.result === 'failed') ? ExitCode.Failure : ExitCode.Success;
      // How the handlers' processes are held, so a machine where cgroups are not permitted says so.
      const containment = `process groups, the instance marker, and ${describeCgroupPlace()}`;
      if (options.json) return stdout.json({ state, handlers: handlers.map(handlerJson), containment });
      printChecks(manager(), state, handlers);
      stdout.line(`containment: ${printable(containment)}`);
    });
}

function handlerJson({ entry, report }: DoctorResult) {
  return {
    clsid: entry.clsid,
    name: entry.name,
    ...(report.ownName !== undefined ? { ownName: report.ownName } : {}),
    command: entry.command,
    result: report.result,
    ...(report.reason ? { reason: report.reason } : {}),
  };
}

function printChecks(manager: SyncManager, state: StateFileStatus[], handlers: DoctorResult[]): void {
  stdout.line('state files');
  for (const file of state) stdout.line(file.problem ? `    ✖ ${printable(file.problem.message)}` : `    ✔ ${file.path}`);
  if (state.some((file) => file.problem)) {
    stdout.line('handlers not checked: fix the state first');
    return;
  }
  if (handlers.length === 0) stdout.line(`no handlers registered in ${manager.registry.path}`);
  for (const { entry, report } of handlers) {
    const verdict = report.result === 'failed' ? `✖ ${printable(report.reason ?? 'failed')}` : '✔ starts and answers the handshake';
    stdout.line(`{${entry.clsid}} ${printable(handlerLabel(report))}\n    ${printable(formatCommand(entry.command))}\n    ${verdict}`);
  }
}
