import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { MethodDescriptor } from '@syncmgr/protocol';
import type { DaemonLink } from './daemon-link.js';
import { messageOf } from './daemon-link.js';

// How a view calls the daemon: through the protocol's descriptors, with the daemon's refusals shown
// in the page's alert instead of thrown at the view.

export interface Api {
  link: DaemonLink;
  /** The result, or undefined when the daemon refused (the alert then says why). */
  call<P, R>(descriptor: MethodDescriptor<P, R>, params: P): Promise<R | undefined>;
  /** Shows a message in the page's alert. */
  alert(message: string): void;
}

export function createApi(link: DaemonLink, alert: (message: string) => void): Api {
  return {
    link,
    alert,
    async call<P, R>(descriptor: MethodDescriptor<P, R>, params: P): Promise<R | undefined> {
      try {
        const connection = await link.ready();
        // Generic P defeats sendRequest's overloads (RequestType0…9); the descriptor types the call.
        return await connection.sendRequest(descriptor.type, params as never);
      } catch (error) {
        alert(`${descriptor.method}: ${messageOf(error)}`);
        return undefined;
      }
    },
  };
}

export const ApiContext = createContext<Api | undefined>(undefined);

export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside ApiContext');
  return api;
}
