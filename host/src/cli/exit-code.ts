/** The CLI's exit codes. */
export const ExitCode = {
  /** Every selected item succeeded. */
  Success: 0,
  /** Some item or handler failed. */
  Failure: 1,
  /** The command line or the configuration is wrong. */
  Usage: 2,
  /** The session ran, but its report could not be saved under <home>/results. */
  ResultsNotSaved: 3,
} as const;
