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
