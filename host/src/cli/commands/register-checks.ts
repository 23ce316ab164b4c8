import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * What would stop the handler from starting, found at registration so the user hears it at once
 * rather than at the first sync: a working directory or an executable that is not there.
 */
export async function registrationWarnings(program: string, cwd: string, env: Record<string, string>): Promise<string[]> {
  const warnings: string[] = [];
  if (!(await isDirectory(cwd))) warnings.push(`the working directory ${cwd} does not exist (or is not a folder)`);
  if (!(await findExecutable(program, env.PATH ?? process.env.PATH ?? ''))) {
    warnings.push(program.includes('/') ? `${program} is not an executable file` : `${program} is not found on PATH`);
  }
  return warnings;
}

async function isDirectory(dir: string): Promise<boolean> {
  return stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

async function findExecutable(program: string, searchPath: string): Promise<boolean> {
  if (program.includes('/')) return isExecutableFile(program);
  for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
    if (await isExecutableFile(path.join(dir, program))) return true;
  }
  return false;
}

async function isExecutableFile(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
