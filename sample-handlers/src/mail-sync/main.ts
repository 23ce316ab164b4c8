import { parseArgs } from 'node:util';
import { runHandler } from '@syncmgr/handler-sdk';
import { loadMailConfig, type MailConfig } from './config.js';
import { createMailSyncHandler } from './handler.js';

const USAGE = 'usage: node mail-sync/main.js --config FILE';
// A bad command line or config, as opposed to 1 for a handler that ended abnormally later.
const EXIT_BAD_CONFIG = 2;

async function loadConfigOrExit(args: string[]): Promise<MailConfig> {
  let configFile: string | undefined;
  try {
    configFile = parseArgs({ args, options: { config: { type: 'string' } } }).values.config;
  } catch (error) {
    exitBadConfig(`${messageOf(error)}\n${USAGE}`);
  }
  if (!configFile) exitBadConfig(`--config FILE is required\n${USAGE}`);
  try {
    return await loadMailConfig(configFile);
  } catch (error) {
    exitBadConfig(messageOf(error));
  }
}

function exitBadConfig(message: string): never {
  process.stderr.write(`mail-sync: ${message}\n`);
  process.exit(EXIT_BAD_CONFIG);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const config = await loadConfigOrExit(process.argv.slice(2));
runHandler(createMailSyncHandler(config), { name: 'mail-sync', version: '0.1.0' });
