import type { FoundProcess } from '../process/proc-scan.js';
import type { CheckRecorder } from './check-result.js';
import { SessionDriver, type DriverSettings, type KitTimeouts } from './session-driver.js';

/** What one handler process left running after it exited, found by its instance marker. */
export interface LeftBehind {
  readonly scenario: string;
  readonly processes: readonly FoundProcess[];
}

/** What the whole run keeps across scenarios, for the leftovers check at its end. */
export interface RunRecord {
  readonly leftBehind: LeftBehind[];
  processesStarted: number;
}

/** What a scenario gets: the handler's command, the timeouts, where its verdicts go, and fresh processes. */
export class ScenarioContext {
  private readonly drivers: SessionDriver[] = [];

  constructor(
    readonly name: string,
    readonly argv: readonly string[],
    private readonly settings: DriverSettings,
    readonly checks: CheckRecorder,
    private readonly record: RunRecord,
  ) {}

  get timeouts(): KitTimeouts {
    return this.settings.timeouts;
  }

  /** A new handler process, ended by `close()` whatever the scenario does with it. */
  start(viaStandIn = false): SessionDriver {
    const driver = SessionDriver.start(this.argv, this.settings, viaStandIn);
    this.drivers.push(driver);
    this.record.processesStarted += 1;
    return driver;
  }

  /**
   * Ends every process the scenario started: one that exited is first searched for what it left
   * running (the leftovers check), then everything carrying its marker is ended.
   */
  async close(): Promise<void> {
    await Promise.all(this.drivers.map((driver) => this.end(driver)));
  }

  // Its process group ends with it: what still carries its marker then had left the group.
  private async end(driver: SessionDriver): Promise<void> {
    const { probe } = driver;
    probe.closeStdin();
    if (!(await probe.exitsWithin(this.timeouts.deadlineMs))) await probe.endGroup();
    const processes = await probe.leftovers();
    if (processes.length > 0) this.record.leftBehind.push({ scenario: this.name, processes });
    await driver.dispose();
  }
}

/** A scenario: starts what processes it needs and gives each of its checks a verdict. */
export type Scenario = (context: ScenarioContext) => Promise<void>;
