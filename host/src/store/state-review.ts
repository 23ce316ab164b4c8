import { HostError, type HostErrorCode } from '../errors.js';
import { ensureHome, ensureStateFolder, type HomePaths } from './home.js';
import { readHostConfig } from './host-config.js';

/** One state file or folder a session reads, and how it is checked. */
interface StateCheck {
  path: string;
  check: () => Promise<unknown>;
}

/** How one state file or folder was found. */
export interface StateFileStatus {
  /** Its absolute path. */
  path: string;
  /** Absent when it is sound (or absent, for a file the host creates when needed). */
  problem?: {
    /** The HostError's code: STATE_CORRUPT for a file or folder that cannot be trusted, HOME_UNWRITABLE for one that cannot be written. */
    code: HostErrorCode;
    /** What is wrong and how to fix it, naming the path. */
    message: string;
  };
}

/** The stores whose files a session reads; a read that throws HostError names what is wrong. */
export interface StateReaders {
  registry: { list(): Promise<unknown> };
  choices: { check(): Promise<unknown> };
}

/** Every state file and folder a session reads: the home (and state folder) first, on which the others depend. */
export function stateChecks(home: HomePaths, readers: StateReaders): StateCheck[] {
  return [
    { path: home.root, check: () => ensureHome(home) },
    { path: home.logs, check: () => ensureStateFolder(home.logs) },
    { path: home.results, check: () => ensureStateFolder(home.results) },
    { path: home.registry, check: () => readers.registry.list() },
    { path: home.choices, check: () => readers.choices.check() },
    { path: home.config, check: () => readHostConfig(home) },
  ];
}

/** Throws the first problem found: the home first, then the others at once. */
export async function checkState(checks: readonly StateCheck[]): Promise<void> {
  const [first, ...rest] = checks;
  await first?.check();
  await Promise.all(rest.map((c) => c.check()));
}

/** Each check on its own, for `doctor`: the home's problem means the others were not looked at. */
export async function reviewState(checks: readonly StateCheck[]): Promise<StateFileStatus[]> {
  const [first, ...rest] = checks;
  if (!first) return [];
  const home = await statusOf(first);
  if (home.problem) return [home];
  return [home, ...(await Promise.all(rest.map(statusOf)))];
}

async function statusOf({ path, check }: StateCheck): Promise<StateFileStatus> {
  try {
    await check();
    return { path };
  } catch (error) {
    if (!(error instanceof HostError)) throw error;
    return { path, problem: { code: error.code, message: error.message } };
  }
}
