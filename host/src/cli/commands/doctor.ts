import { Command } from 'commander';
import type { SyncManager } from '../../index.js';
import { ExitCode } from '../exit-code.js';
import { parseSeconds } from '../options.js';
import { formatCommand, printable } from '../render/format.js';
import { stdout } from '../output.js';

/** syncmgr doctor [CLSID] */
export function doctorCommand(manager: () => SyncManager): Command {
  return new Command('doctor')
    .description('check registered handlers without syncing: the command starts and the handshake answers')
    .argument('[clsid]', 'only this handler (default: every registered handler)')
    .option('--start-timeout <seconds>', 'how long each may take to answer the handshake', parseSeconds)
    .action(async (clsid: string | undefined, options: { startTimeout?: number }) => {
      const checks = await manager().doctor(clsid, options.startTimeout ? { startTimeoutSeconds: options.startTimeout } : {});
      if (checks.length === 0) stdout.line(`no handlers registered in ${manager().registry.path}`);
      for (const { entry, report } of checks) {
        const verdict = report.result === 'failed' ? `✖ ${printable(report.reason ?? 'failed')}` : '✔ starts and answers the handshake';
        stdout.line(`{${entry.clsid}} ${printable(entry.name)}\n    ${printable(formatCommand(entry.command))}\n    ${verdict}`);
      }
      process.exitCode = checks.some((c) => c.report.result === 'failed') ? ExitCode.Failure : ExitCode.Success;
    });
}
