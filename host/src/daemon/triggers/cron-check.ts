import { Cron } from 'croner';
import { HostError } from '../../errors.js';

// Bounds on what a client may store: the schedules file stays small whatever it is sent.
export const MAX_CRON_LENGTH = 256;

/**
 * A paused croner job for a schedule: only used to compute fire times, never to run anything
 * itself (the scheduler arms its own injected timer, so tests drive a fake clock).
 * HostError USAGE for a cron expression or time zone that does not parse.
 */
export function cronOf(cron: string, timeZone?: string): Cron {
  if (timeZone !== undefined) checkTimeZone(timeZone);
  if (typeof cron !== 'string' || cron.trim() === '' || cron.length > MAX_CRON_LENGTH) {
    throw new HostError('USAGE', `a cron expression must be 1 to ${MAX_CRON_LENGTH} characters`);
  }
  try {
    return new Cron(cron, { paused: true, ...(timeZone !== undefined ? { timezone: timeZone } : {}) });
  } catch (error) {
    throw new HostError(
      'USAGE',
      `"${cron}" is not a cron expression (five or six fields: [second] minute hour day month weekday): ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}

// Intl knows the IANA zones of this Node; croner would only fail later, at the first fire time.
function checkTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch (error) {
    throw new HostError('USAGE', `"${timeZone}" is not an IANA time zone (such as Europe/Paris or UTC)`, { cause: error });
  }
}
