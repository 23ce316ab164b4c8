import type { HostConfig } from '../store/host-config.js';

/** The outcome of asking for a connection: up, or why not. */
export type LeaseOutcome = { up: true; profile: string } | { up: false; reason: string };

/** Runs a command (argv, no shell); resolves to undefined on success, else why it failed. */
export type CommandRunner = (argv: readonly string[]) => Promise<string | undefined>;

/**
 * EstablishConnection's connections for one session: each profile is brought up once, on the first
 * request, kept while any handler runs, and brought down when the session's handlers have finished.
 */
export class ConnectionLeases {
  private readonly leases = new Map<string, Promise<LeaseOutcome>>();

  constructor(
    private readonly config: () => Promise<HostConfig>,
    private readonly run: CommandRunner,
  ) {}

  /** Brings the named profile (null: the default one) up, or says why it cannot. */
  async establish(name: string | null): Promise<LeaseOutcome> {
    let config: HostConfig;
    try {
      config = await this.config();
    } catch (error) {
      return { up: false, reason: (error as Error).message };
    }
    const profile = name ?? config.defaultConnection;
    if (profile === undefined) return { up: false, reason: 'no connection was named and no defaultConnection is configured' };
    const commands = Object.hasOwn(config.connections, profile) ? config.connections[profile] : undefined;
    if (!commands) return { up: false, reason: `no connection profile "${profile}" is configured` };
    // Keyed by the profile itself, so a request by name and one for the default share one lease.
    let lease = this.leases.get(profile);
    if (!lease) this.leases.set(profile, (lease = this.bringUp(profile, commands.up)));
    return lease;
  }

  /** Brings down every profile that came up; returns the failures, one sentence each. */
  async releaseAll(): Promise<string[]> {
    const config = await this.config().catch(() => undefined);
    const up = new Set<string>();
    for (const lease of this.leases.values()) {
      const outcome = await lease.catch(() => undefined);
      if (outcome?.up) up.add(outcome.profile);
    }
    this.leases.clear();
    const failures: string[] = [];
    for (const profile of up) {
      const down = config && Object.hasOwn(config.connections, profile) ? config.connections[profile]?.down : undefined;
      const failure = down ? await this.run(down) : 'its profile is gone from the configuration';
      if (failure) failures.push(`connection "${profile}" could not be brought down: ${failure}`);
    }
    return failures;
  }

  private async bringUp(profile: string, up: readonly string[]): Promise<LeaseOutcome> {
    const failure = await this.run(up).catch((error: Error) => error.message);
    return failure ? { up: false, reason: `bringing up "${profile}" failed: ${failure}` } : { up: true, profile };
  }
}
