import { execa } from 'execa';
import { cliPath } from './paths.js';

/** Runs `syncmgr --home HOME …` as a real process; never throws on a non-zero exit. */
export async function runCli(home: string, args: readonly string[], env: Record<string, string> = {}) {
  const result = await execa(process.execPath, [cliPath, '--home', home, ...args], { reject: false, env, timeout: 60_000 });
  return { exitCode: result.exitCode, stdout: String(result.stdout), stderr: String(result.stderr) };
}
