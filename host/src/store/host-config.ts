import type { HomePaths } from './home.js';
import { corrupt, readStateFile } from './state-file.js';

/** A connection profile: the commands that bring a network connection up and down (argv arrays). */
export interface ConnectionProfile {
  /** Brings the connection up (EstablishConnection). */
  up: string[];
  /** Takes it down again when the session ends. */
  down: string[];
}

/** <home>/config.json: the user's configuration. */
export interface HostConfig {
  /** The connection profiles by name. */
  connections: Record<string, ConnectionProfile>;
  /** The profile EstablishConnection(null) means. */
  defaultConnection?: string;
}

const isArgv = (value: unknown): value is string[] =>
  Array.isArray(value) && value.length > 0 && value.every((arg) => typeof arg === 'string') && value[0] !== '';

/** Reads the configuration; a missing file is an empty configuration, a malformed one an error naming the file. */
export async function readHostConfig(home: HomePaths): Promise<HostConfig> {
  const raw = (await readStateFile(home.config)) ?? {};
  const config = raw as Partial<HostConfig>;
  if (typeof raw !== 'object' || raw === null) throw corrupt(home.config, 'expected an object');
  const connections = config.connections ?? {};
  if (typeof connections !== 'object' || connections === null) throw corrupt(home.config, '"connections" must map names to {up, down}');
  for (const [name, profile] of Object.entries(connections)) {
    if (!isArgv(profile?.up) || !isArgv(profile?.down)) {
      throw corrupt(home.config, `connection "${name}" needs "up" and "down" commands as non-empty arrays of strings`);
    }
  }
  if (config.defaultConnection !== undefined && !Object.hasOwn(connections, config.defaultConnection)) {
    throw corrupt(home.config, `"defaultConnection" names "${config.defaultConnection}", which is not a connection`);
  }
  return { connections, ...(config.defaultConnection ? { defaultConnection: config.defaultConnection } : {}) };
}
