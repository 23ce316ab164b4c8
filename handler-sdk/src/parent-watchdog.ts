const POLL_INTERVAL_MS = 1000;

/**
 * Calls onGone once the process pid no longer exists, checking every second. The timer is
 * unref'd, so the watchdog alone never keeps the handler alive. Returns a function that stops it.
 */
export function watchParent(pid: number, onGone: () => void): () => void {
  const timer = setInterval(() => {
    if (isAlive(pid)) return;
    clearInterval(timer);
    onGone();
  }, POLL_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/** The host's pid from the environment variable the host sets, if it is a usable pid. */
export function parsePid(text: string | undefined): number | undefined {
  const pid = Number(text);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
