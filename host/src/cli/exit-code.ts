/** The CLI's exit codes (README "Exit codes"). */
export const ExitCode = {
  /** Every selected item succeeded or was skipped by the user. */
  Success: 0,
  /** An item failed or was stopped by its handler, or a handler failed or completed with errors. */
  Failure: 1,
  /** The command line or the configuration is wrong. */
  Usage: 2,
  /** The session ran, but its report could not be saved under <home>/results. */
  ResultsNotSaved: 3,
  /** A daemon client command (status, sessions, watch) found no daemon running for the home. */
  NoDaemon: 4,
  /** The terminal closed (SIGHUP) and the session was stopped: 128 + 1, as a shell reports it. */
  HungUp: 129,
  /** The user stopped the session: Ctrl-C, `c` in the live view, or SIGINT. 128 + 2. */
  Interrupted: 130,
  /** SIGTERM stopped the session. 128 + 15. */
  Terminated: 143,
} as const;
