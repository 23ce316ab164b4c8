import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import { HostError } from '../errors.js';

/** What is needed to start a handler. */
export interface LaunchSpec {
  command: string[];
  cwd?: string;
  env?: Record<string, string>;
}

/** Checks, before any session work, that the command can start; the error names the command and the cause. */
export async function preflight(spec: LaunchSpec, env: NodeJS.ProcessEnv): Promise<string> {
  const [program] = spec.command;
  if (!program) throw spawnError(spec, 'the command is empty');
  if (spec.cwd !== undefined) await checkDirectory(spec, spec.cwd);
  for (const [name, value] of Object.entries(spec.env ?? {})) {
    if (name === '' || name.includes('=') || name.includes('\0') || value.includes('\0')) {
      throw spawnError(spec, `the environment variable ${JSON.stringify(name)} is not valid text (no "=" or NUL allowed)`);
    }
  }
  return program.includes('/') ? checkExecutable(spec, path.resolve(spec.cwd ?? '.', program)) : findOnPath(spec, program, env);
}

/** The error for a handler that cannot be started; it names the command. */
export function spawnError(spec: LaunchSpec, cause: string): HostError {
  return new HostError('SPAWN_FAILED', `cannot start \`${spec.command.join(' ')}\`: ${cause}`);
}

async function checkDirectory(spec: LaunchSpec, cwd: string): Promise<void> {
  const info = await stat(cwd).catch(() => undefined);
  if (!info?.isDirectory()) throw spawnError(spec, `its working directory ${cwd} does not exist or is not a directory`);
}

async function checkExecutable(spec: LaunchSpec, file: string): Promise<string> {
  const info = await stat(file).catch(() => undefined);
  if (!info) throw spawnError(spec, `${file} does not exist`);
  if (!info.isFile()) throw spawnError(spec, `${file} is not a file`);
  try {
    await access(file, constants.X_OK);
  } catch {
    throw spawnError(spec, `${file} is not executable (run \`chmod +x ${file}\`)`);
  }
  return file;
}

async function findOnPath(spec: LaunchSpec, program: string, env: NodeJS.ProcessEnv): Promise<string> {
  const searchPath = spec.env?.['PATH'] ?? env['PATH'] ?? '';
  for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, program);
    const info = await stat(candidate).catch(() => undefined);
    if (info?.isFile()) return checkExecutable(spec, candidate);
  }
  throw spawnError(spec, `"${program}" was not found on PATH (${searchPath || 'empty'})`);
}
