import { parseArgs } from 'node:util';
import { runHandler } from '@syncmgr/handler-sdk';
import { readConfigDocument, type ConfigDocument } from './config.js';
import { createFolderSyncHandler } from './handler.js';

const USAGE = 'usage: node folder-sync/main.js --config FILE';
// A bad command line or config, as opposed to 1 for a handler that ended abnormally later.
const EXIT_BAD_CONFIG = 2;

async function loadConfigOrExit(args: string[]): Promise<ConfigDocument> {
  let configFile: string | undefined;
  try {
    configFile = parseArgs({ args, options: { config: { type: 'string' } } }).values.config;
  } catch (error) {
    exitBadConfig(`${messageOf(error)}\n${USAGE}`);
  }
  if (!configFile) exitBadConfig(`--config FILE is required\n${USAGE}`);
  try {
    return await readConfigDocument(configFile);
  } catch (error) {
    exitBadConfig(messageOf(error));
  }
}

function exitBadConfig(message: string): never {
  process.stderr.write(`folder-sync: ${message}\n`);
  process.exit(EXIT_BAD_CONFIG);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const config = await loadConfigOrExit(process.argv.slice(2));
runHandler(createFolderSyncHandler(config), { name: 'folder-sync', version: '0.1.0' });
