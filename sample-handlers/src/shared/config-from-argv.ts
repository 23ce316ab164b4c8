import { parseArgs } from 'node:util';

// A bad command line or config, as opposed to 1 for a handler that ended abnormally later.
const EXIT_BAD_CONFIG = 2;

/**
 * Reads `--config FILE` from the command line and loads it; on any problem, writes a message
 * naming it to stderr and exits 2 before speaking the protocol.
 */
export async function loadConfigFromArgv<T>(handlerName: string, args: string[], load: (file: string) => Promise<T>): Promise<T> {
  const usage = `usage: node ${handlerName}/main.js --config FILE`;
  let configFile: string | undefined;
  try {
    configFile = parseArgs({ args, options: { config: { type: 'string' } } }).values.config;
  } catch (error) {
    exitBadConfig(handlerName, `${messageOf(error)}\n${usage}`);
  }
  if (!configFile) exitBadConfig(handlerName, `--config FILE is required\n${usage}`);
  try {
    return await load(configFile);
  } catch (error) {
    exitBadConfig(handlerName, messageOf(error));
  }
}

function exitBadConfig(handlerName: string, message: string): never {
  process.stderr.write(`${handlerName}: ${message}\n`);
  process.exit(EXIT_BAD_CONFIG);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
