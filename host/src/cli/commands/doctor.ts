import { Command } from 'commander';
import type { SyncManager } from '../../index.js';
import { ExitCode } from '../exit-code.js';
import { parseSeconds } from '../options.js';
import { formatCommand, printable } from '../render/format.js';
import { handlerLabel } from '../render/handler-label.js';
import { stdout } from '../output.js';

/** syncmgr doctor [CLSID] */
export function doctorCommand(manager: () => SyncManager): Command {
  return new Command('doctor')
    .description('check registered handlers without syncing: the command starts and the handshake answers')
    .argument('[clsid]', 'only this handler (default: every registered handler)')
    .option('--start-timeout <seconds>', "how long each may take to answer the handshake (default: the entry's start timeout, else 30)", parseSeconds)
    .option('--json', 'print the checks as JSON: [{clsid, name, ownName?, command, result, reason?}]')
    .addHelpText('after', '\nExit codes: 0 every handler starts and answers, 1 one does not, 2 no such class ID.')
    .action(async (clsid: string | undefined, options: { startTimeout?: number; json?: boolean }) => {
      const checks = await manager().doctor(clsid, options.startTimeout ? { startTimeoutSeconds: options.startTimeout } : {});
      process.exitCode = checks.some((c) => c.report.result === 'failed') ? ExitCode.Failure : ExitCode.Success;
      if (options.json) {
        stdout.json(
          checks.map(({ entry, report }) => ({
            clsid: entry.clsid,
            name: entry.name,
            ...(report.ownName !== undefined ? { ownName: report.ownName } : {}),
            command: entry.command,
            result: report.result,
            ...(report.reason ? { reason: report.reason } : {}),
          })),
        );
        return;
      }
      if (checks.length === 0) stdout.line(`no handlers registered in ${manager().registry.path}`);
      for (const { entry, report } of checks) {
        const verdict = report.result === 'failed' ? `✖ ${printable(report.reason ?? 'failed')}` : '✔ starts and answers the handshake';
        stdout.line(`{${entry.clsid}} ${printable(handlerLabel(report))}\n    ${printable(formatCommand(entry.command))}\n    ${verdict}`);
      }
    });
}
