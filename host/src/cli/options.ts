import { InvalidArgumentError } from 'commander';

/** Collects a repeatable option into an array. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Parses a timeout given in seconds. */
export function parseSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new InvalidArgumentError(`"${value}" is not a positive number of seconds.`);
  return seconds;
}

/** Parses K=V pairs into an environment map. */
export function parseEnvPairs(pairs: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const pair of pairs) {
    const equals = pair.indexOf('=');
    if (equals <= 0) throw new InvalidArgumentError(`--env expects NAME=VALUE, got "${pair}".`);
    env[pair.slice(0, equals)] = pair.slice(equals + 1);
  }
  return env;
}

/** Options every command shares. */
export interface GlobalOptions {
  home?: string;
}
