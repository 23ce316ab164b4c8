import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Runs git with a fixed identity and default branch, as tests need it on any machine. */
export function git(cwd: string, ...args: string[]): string {
  const identity = ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', '-c', 'init.defaultBranch=main'];
  return execFileSync('git', [...identity, ...args], { cwd, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } }).trim();
}

/** A new repository under dir with that many commits. */
export async function makeRepository(dir: string, name: string, commits: number): Promise<string> {
  const repository = path.join(dir, name);
  git(dir, 'init', '-q', repository);
  for (let n = 1; n <= commits; n++) await commit(repository, `file${n}.txt`, `content ${n}`);
  return repository;
}

/** Writes a file and commits it. */
export async function commit(repository: string, file: string, content: string): Promise<void> {
  await writeFile(path.join(repository, file), content);
  git(repository, 'add', file);
  git(repository, 'commit', '-q', '-m', `add ${file}`);
}
