import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError, Option } from 'commander';
import { HostError } from '../../errors.js';
import { Daemon } from '../../daemon/daemon.js';
import { ExitCode } from '../exit-code.js';
import { stderr, stdout } from '../output.js';
import { stopOnSignals } from './daemon-signals.js';

interface DaemonCommandOptions {
  listen?: { host: string; port: number };
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '[::1]']);

/** Parses --listen HOST:PORT, loopback only: the WebSocket is for a dashboard on this machine. */
export function parseListen(text: string): { host: string; port: number } {
  const colon = text.lastIndexOf(':');
  const host = text.slice(0, colon);
  const port = Number(text.slice(colon + 1));
  if (colon <= 0 || !LOOPBACK.has(host) || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError(`--listen "${text}" is not a loopback address and port, such as 127.0.0.1:8765.`);
  }
  return { host: host.replace(/^\[|\]$/g, ''), port };
}

/** syncmgr daemon [--listen 127.0.0.1:PORT] | syncmgr daemon unit */
export function daemonCommand(home: () => string | undefined): Command {
  const command = new Command('daemon')
    .description('run the Synchronization Manager for this home in the foreground, serving applications on a local socket')
    .addOption(new Option('--listen <host:port>', 'also serve a WebSocket on loopback (for the dashboard)').argParser(parseListen))
    .addHelpText('after', '\nExit codes: 0 stopped by SIGINT or SIGTERM, 2 another daemon holds this home (its pid is named).')
    .action(async (options: DaemonCommandOptions) => runDaemon(home(), options));
  command.addCommand(unitCommand(home).exitOverride());
  return command;
}

async function runDaemon(home: string | undefined, options: DaemonCommandOptions): Promise<void> {
  const daemon = new Daemon({ ...(home ? { home } : {}), ...(options.listen ? { listen: options.listen } : {}) });
  try {
    await daemon.start();
  } catch (error) {
    if (error instanceof HostError && error.code === 'DAEMON_RUNNING') {
      stderr.line(`syncmgr: ${error.message}`);
      process.exitCode = ExitCode.Usage;
      return;
    }
    throw error;
  }
  const stopped = new Promise<void>((resolve) => {
    const forget = stopOnSignals(async () => {
      await daemon.stop();
      forget();
      resolve();
    });
  });
  stdout.line(`syncmgr daemon listening on ${daemon.socketPath}`);
  await stopped;
}

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
