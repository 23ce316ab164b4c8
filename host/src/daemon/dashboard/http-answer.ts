import type http from 'node:http';
import { SECURITY_HEADERS } from './security-headers.js';

/** One whole answer: the security headers, the body's type and length, no caching unless told. */
export function answer(response: http.ServerResponse, status: number, body: Buffer | string, headers: Record<string, string> = {}): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  response
    .writeHead(status, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
      ...headers,
      'Content-Length': String(bytes.length),
    })
    .end(bytes); // a HEAD request gets the headers only: Node drops the body
}

/** A short HTML page with one sentence; it carries no data of the daemon. */
export function answerPage(response: http.ServerResponse, status: number, sentence: string): void {
  const html = `<!doctype html>\n<meta charset="utf-8">\n<title>SyncMgr</title>\n<p>${sentence}</p>\n`;
  answer(response, status, html, { 'Content-Type': 'text/html; charset=utf-8' });
}
