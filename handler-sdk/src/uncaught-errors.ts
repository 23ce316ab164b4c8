import { describeError, logToStderr } from './diagnostics.js';
import { currentItem } from './item-scope.js';

/**
 * Routes exceptions nobody caught: one traced to a running item fails that item; any other
 * goes to onFatal. Installed by runHandler only, since it changes the whole process.
 */
export function routeUncaughtErrors(onFatal: (error: unknown) => void): void {
  const route = (error: unknown): void => {
    const item = currentItem();
    if (item?.state === 'running') {
      logToStderr(`uncaught error in item ${item.itemId}: ${describeError(error)}`);
      item.crash(error);
    } else if (item) {
      // The item already reported its end; failing the whole handler for its leftovers helps no one.
      logToStderr(`uncaught error from item ${item.itemId} after it ended: ${describeError(error)}`);
    } else {
      onFatal(error);
    }
  };
  process.on('uncaughtException', route);
  process.on('unhandledRejection', route);
}
