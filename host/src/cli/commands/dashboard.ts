import { Command, InvalidArgumentError, Option } from 'commander';
import { OpenDashboard, type OpenDashboardResult } from '@syncmgr/protocol';
import { execa } from 'execa';
import { HostError } from '../../errors.js';
import type { SyncManager } from '../../index.js';
import { stderr, stdout } from '../output.js';
import { callDaemon } from './daemon-call.js';
import { DEFAULT_LOGOFF_TIMEOUT_SECONDS } from './daemon.js';
import { runDaemonInForeground } from './daemon-foreground.js';

interface DashboardOptions {
  port?: number;
  open?: boolean;
}

function portOption(text: string): number {
  const port = Number(text);
  if (!/^\d{1,5}$/.test(text) || port > 65535) throw new InvalidArgumentError(`"${text}" is not a port (0 to 65535).`);
  return port;
}

/** syncmgr dashboard [--port N] [--open] */
export function dashboardCommand(manager: () => SyncManager, home: () => string | undefined): Command {
  return new Command('dashboard')
    .description("print (or --open) a one-time address of the daemon's dashboard; starts a daemon here when none runs for the home")
    .addOption(new Option('--port <n>', 'the loopback port, when the daemon does not listen yet (default a free one)').argParser(portOption))
    .option('--open', 'open the address in the browser (xdg-open, or open on macOS)')
    .addHelpText('after', '\nThe address is good once, within ten minutes. Without a running daemon this command runs one until SIGINT or SIGTERM.')
    .action(async (options: DashboardOptions) => {
      const params = options.port !== undefined ? { port: options.port } : {};
      const opened = await callDaemon(manager(), OpenDashboard, params).catch((error: unknown) => {
        if (error instanceof HostError && error.code === 'NO_DAEMON') return undefined;
        throw error;
      });
      if (opened) return show(opened, options);
      const foreground = { home: home(), listen: { host: '127.0.0.1', port: options.port ?? 0 }, logoffTimeoutSeconds: DEFAULT_LOGOFF_TIMEOUT_SECONDS };
      await runDaemonInForeground(foreground, async (daemon) => {
        stdout.line(`syncmgr daemon listening on ${daemon.socketPath} (no daemon ran for this home; stop it with Ctrl-C)`);
        await show(await daemon.openDashboard(params), options);
      });
    });
}

// The URL goes to stdout only: it carries the login token.
async function show(opened: OpenDashboardResult, options: DashboardOptions): Promise<void> {
  stdout.line(opened.url);
  if (options.open) await openInBrowser(opened.url);
}

async function openInBrowser(url: string): Promise<void> {
  const opener = process.platform === 'darwin' ? 'open' : 'xdg-open';
  const result = await execa(opener, [url], { reject: false, stdio: 'ignore', timeout: 30_000 });
  // Never the URL in this line: it carries the token, and stderr may be logged.
  if (result.failed) stderr.line(`syncmgr: ${opener} could not open the dashboard (${result.exitCode ?? result.code ?? 'failed'}): open the address above`);
}
