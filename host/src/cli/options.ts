import { InvalidArgumentError } from 'commander';
import { timeoutMs } from '../timeouts.js';

/** Collects a repeatable option into an array. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Parses a timeout given in seconds: 0 means none; one Node's timers cannot hold is HostError USAGE (exit 2). */
export function parseSeconds(value: string): number {
  const seconds = Number(value);
  if (value.trim() === '' || !Number.isFinite(seconds) || seconds < 0) throw new InvalidArgumentError(`"${value}" is not a number of seconds (0 for none).`);
  timeoutMs(seconds, `the timeout "${value}"`);
  return seconds;
}

/** Collects a repeatable option whose values must be one of a set. */
export function collectOneOf(choices: readonly string[], option: string) {
  return (value: string, previous: string[] = []): string[] => {
    if (!choices.includes(value)) throw new InvalidArgumentError(`${option} "${value}" is not one of ${choices.join(', ')}.`);
    return previous.includes(value) ? previous : [...previous, value];
  };
}

/** Collects repeatable NAME=VALUE pairs into an environment map. */
export function collectEnvPair(pair: string, previous: Record<string, string> = {}): Record<string, string> {
  const equals = pair.indexOf('=');
  if (equals <= 0) throw new InvalidArgumentError(`--env expects NAME=VALUE, got "${pair}".`);
  return { ...previous, [pair.slice(0, equals)]: pair.slice(equals + 1) };
}

/** Options every command shares. */
export interface GlobalOptions {
  home?: string;
}
