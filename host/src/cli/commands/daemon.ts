import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError, Option } from 'commander';
import { parseListenAddress } from '../../daemon/websocket-endpoint.js';
import { stdout } from '../output.js';
import { runDaemonInForeground } from './daemon-foreground.js';

interface DaemonCommandOptions {
  listen?: { host: string; port: number };
  logoffTimeout: number;
}

// How long SIGTERM (logoff) lets the pendingDisconnect session run before the daemon exits anyway.
const DEFAULT_LOGOFF_TIMEOUT_SECONDS = 30;

/** Parses --listen HOST:PORT, loopback only: the WebSocket is for a dashboard on this machine. */
function listenOption(text: string): { host: string; port: number } {
  try {
    return parseListenAddress(text);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

function secondsOption(text: string): number {
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds < 0) throw new InvalidArgumentError(`"${text}" is not a number of seconds.`);
  return seconds;
}

/** syncmgr daemon [--listen 127.0.0.1:PORT] | syncmgr daemon unit */
export function daemonCommand(home: () => string | undefined): Command {
  const command = new Command('daemon')
    .description('run the Synchronization Manager for this home in the foreground, serving applications on a local socket')
    .addOption(new Option('--listen <host:port>', 'also serve a WebSocket on loopback (for the dashboard)').argParser(listenOption))
    .addOption(
      new Option('--logoff-timeout <seconds>', 'on SIGTERM, how long the pendingdisconnect session may run before the daemon exits')
        .argParser(secondsOption)
        .default(DEFAULT_LOGOFF_TIMEOUT_SECONDS),
    )
    .addHelpText(
      'after',
      '\nSIGTERM (logoff, systemd stop) runs the pendingdisconnect session first; SIGINT stops at once.\nExit codes: 0 stopped by SIGINT or SIGTERM, 2 another daemon holds this home (its pid is named).',
    )
    .action(async (options: DaemonCommandOptions) => runDaemon(home(), options));
  command.addCommand(unitCommand(home).exitOverride());
  return command;
}

async function runDaemon(home: string | undefined, options: DaemonCommandOptions): Promise<void> {
  const foreground = { home, logoffTimeoutSeconds: options.logoffTimeout, ...(options.listen ? { listen: options.listen } : {}) };
  await runDaemonInForeground(foreground, (daemon) => stdout.line(`syncmgr daemon listening on ${daemon.socketPath}`));
}

/** The --logoff-timeout default, shared with `syncmgr dashboard`'s own daemon. */
export { DEFAULT_LOGOFF_TIMEOUT_SECONDS };

function unitCommand(home: () => string | undefined): Command {
  return new Command('unit').description('print a systemd user unit that runs this daemon (save as ~/.config/systemd/user/syncmgr.service)').action(() => {
    stdout.line(systemdUnit(home()));
  });
}

/** A systemd user unit for `syncmgr daemon`, with the absolute paths of this node and this CLI. */
export function systemdUnit(home: string | undefined): string {
  const cli = fileURLToPath(new URL('../../../bin/syncmgr.js', import.meta.url));
  const argv = [process.execPath, cli, ...(home ? ['--home', home] : []), 'daemon'];
  return [
    '[Unit]',
    'Description=SyncMgr: the Synchronization Manager',
    '',
    '[Service]',
    'Type=simple',
    `ExecStart=${argv.map(systemdQuote).join(' ')}`,
    'Restart=on-failure',
    'RestartSec=2',
    '',
    '[Install]',
    'WantedBy=default.target',
  ].join('\n');
}

// systemd splits ExecStart like a shell would, but expands % and $: quote what needs it.
function systemdQuote(arg: string): string {
  const escaped = arg.replaceAll('%', '%%').replaceAll('$', '$$');
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(escaped) ? escaped : `"${escaped.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}
