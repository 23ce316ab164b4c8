import type http from 'node:http';

/** The Host values a request to this port may carry, and the Origins of pages served from it. */
export interface LoopbackOrigins {
  hosts: ReadonlySet<string>;
  origins: ReadonlySet<string>;
}

export function loopbackOrigins(port: number): LoopbackOrigins {
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
  return { hosts: new Set(hosts), origins: new Set(hosts.map((h) => `http://${h}`)) };
}

/**
 * 403 for a foreign Host (DNS rebinding of another name onto 127.0.0.1) or a foreign Origin (a page
 * of another site), for every request and upgrade; undefined when both are ours or Origin is absent.
 */
export function originRefusal(request: http.IncomingMessage, allowed: LoopbackOrigins): 403 | undefined {
  if (!allowed.hosts.has(request.headers.host ?? '')) return 403;
  const origin = request.headers.origin;
  return origin !== undefined && !allowed.origins.has(origin) ? 403 : undefined;
}
