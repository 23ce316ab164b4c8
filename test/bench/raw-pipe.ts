import { spawn } from 'node:child_process';
import { ProgressLog, type WireProgress } from './progress-log.js';

/**
 * The raw pipe (informational): spawns raw-pipe-child.js and reads its newline-delimited JSON,
 * parsing every message and applying it to each item's last state, as a parent must. Resolves to
 * the milliseconds from the spawn to the child's last byte read, and what came.
 */
export async function rawPipe(childScript: string, items: number): Promise<{ ms: number; progress: ProgressLog }> {
  const started = performance.now();
  const child = spawn(process.execPath, [childScript], { env: { ...process.env, ITEMS: String(items) }, stdio: ['ignore', 'pipe', 'inherit'] });
  const progress = new ProgressLog();
  let rest = '';
  child.stdout.setEncoding('utf8');
  for await (const chunk of child.stdout as AsyncIterable<string>) {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop()!;
    for (const line of lines) progress.add((JSON.parse(line) as { params: WireProgress }).params);
  }
  return { ms: performance.now() - started, progress };
}
