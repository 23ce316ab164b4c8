/**
 * How the foreground daemon stops: SIGINT (Ctrl-C) and SIGTERM (systemd's stop, logoff) both run
 * `stop` once; a second signal while it stops exits at once. The one place that decides what a
 * signal does, so that SIGTERM can run the pendingDisconnect session first (the triggers).
 */
export function stopOnSignals(stop: (signal: NodeJS.Signals) => Promise<void>): () => void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
    stopping = true;
    void stop(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}
