// A real daemon for the test's home, an API client of its socket, and the dashboard it serves, open
// in a fresh browser context and connected.
import type { MessageConnection } from 'vscode-jsonrpc/node';
import type net from 'node:net';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { OpenDashboard, UpdateItems, type DaemonEvent, type OpenDashboardResult } from '@syncmgr/protocol';
import type { SyncManager } from '@syncmgr/host';
import { DaemonClient as ResumingClient, type StreamChange } from '@syncmgr/host/internal/daemon-client/daemon-client.js';
import { browserPerFile, type BrowserHarness } from './browser.js';
import { connectClient, EventCollector, startDaemon, stopDaemon, type DaemonProcess } from './daemon-process.js';
import { managerPerTest } from './manager-per-test.js';
import { recordItems } from './page-probes.js';

/** How long the page may take to show what the daemon sent it: a frame, on a loaded two-core machine, with room. */
export const SHOWN = 30_000;
/** How long a fixture's session may take from its start to its end (handler start-up, a few ticks of work). */
export const SESSION = 60_000;
/** A dashboard test's jest timeout: the daemon, the page, a session or two, and the failure screenshots. */
export const DASHBOARD_TEST = 180_000;

export interface DaemonClient {
  /** For requests: it subscribes to nothing, so the daemon never drops it for reading slowly. */
  connection: MessageConnection;
  socket: net.Socket;
  /**
   * Every events/event since the client subscribed, on a connection of its own that resumes after the
   * last event seen when the daemon drops it (a test process busy with a browser can read too slowly).
   */
  events: EventCollector;
  /** What happened to that stream: a drop and its resume, or a gap. */
  streamChanges: StreamChange[];
  close: () => void;
}

export interface OpenedDashboard {
  context: BrowserContext;
  page: Page;
  /** What dashboard/open answered: the login URL this page used, and the WebSocket's. */
  login: OpenDashboardResult;
  /** http://127.0.0.1:PORT */
  origin: string;
}

export interface DashboardHarness {
  manager: () => SyncManager;
  browser: BrowserHarness;
  /** `it` with screenshots on failure (BrowserHarness.test), the test's timeout by default DASHBOARD_TEST. */
  test: (name: string, body: () => Promise<void>, timeout?: number) => void;
  /** The daemon (started on first use, after the test registered its handlers) and a subscribed client of it. */
  client: () => Promise<DaemonClient>;
  /** A fresh login URL (dashboard/open). */
  login: () => Promise<OpenDashboardResult>;
  /** Opens the dashboard with a fresh login URL in a fresh context and waits until it reads Connected. */
  open: (options?: BrowserContextOptions) => Promise<OpenedDashboard>;
  /** Starts a session of one handler over the API (invoke/updateItems); resolves with its ID. */
  sync: (clsid: string) => Promise<string>;
  /** The first event (received or to come) that passes; throws naming `what` and the last events after `timeout` ms. */
  event: (what: string, test: (event: DaemonEvent) => boolean, timeout?: number) => Promise<DaemonEvent>;
  /** The session's sessionFinished event. */
  finished: (sessionId: string, timeout?: number) => Promise<DaemonEvent>;
}

/** Waits until #connection reads Connected; the error says what it read instead. */
export async function waitConnected(page: Page, timeout = SHOWN): Promise<void> {
  try {
    await page.locator('#connection', { hasText: /^\s*Connected\s*$/ }).waitFor({ timeout });
  } catch (error) {
    const shown = await page.evaluate(`document.getElementById('connection')?.textContent ?? '(no #connection)'`).catch(() => '(page gone)');
    throw new Error(`the dashboard did not read Connected within ${timeout} ms; #connection reads ${JSON.stringify(shown)} at ${page.url()}`, { cause: error });
  }
}

export function dashboardPerTest(): DashboardHarness {
  // Declared first, so its afterEach closes the pages before the daemon goes, and that before the home.
  const browser = browserPerFile();
  let daemon: DaemonProcess | undefined;
  let client: DaemonClient | undefined;
  afterEach(async () => {
    client?.close();
    client = undefined;
    if (daemon) await stopDaemon(daemon);
    daemon = undefined;
  });
  const manager = managerPerTest();

  async function connect(): Promise<DaemonClient> {
    if (client) return client;
    daemon ??= await startDaemon(manager().home.root);
    const { connection, socket } = await connectClient(daemon.socket);
    const subscriber = (await ResumingClient.connect({ socket: daemon.socket }))!;
    const events = new EventCollector();
    const streamChanges: StreamChange[] = [];
    await subscriber.subscribe(undefined, (event) => events.add(event), { onChange: (change) => streamChanges.push(change) });
    const close = () => {
      subscriber.close();
      connection.dispose();
      socket.destroy();
    };
    client = { connection, socket, events, streamChanges, close };
    return client;
  }

  async function login(): Promise<OpenDashboardResult> {
    const { connection } = await connect();
    return connection.sendRequest(OpenDashboard.type, {});
  }

  async function open(options: BrowserContextOptions = {}): Promise<OpenedDashboard> {
    const answer = await login();
    const { context, page } = await browser.newPage(options);
    await recordItems(context);
    const response = await page.goto(answer.url);
    if (response?.status() !== 200) throw new Error(`the login URL ${answer.url} ended in ${response?.status() ?? 'no response'} at ${page.url()}, not 200`);
    await waitConnected(page);
    return { context, page, login: answer, origin: new URL(answer.url).origin };
  }

  async function sync(clsid: string): Promise<string> {
    const { connection } = await connect();
    const { sessionId } = await connection.sendRequest(UpdateItems.type, { clsid, invokeFlags: 0 });
    if (!sessionId) throw new Error(`invoke/updateItems of ${clsid} started no session`);
    return sessionId;
  }

  // Bounded, so that a session that never ends fails with its last events and a screenshot, not jest's bare timeout.
  async function event(what: string, test: (event: DaemonEvent) => boolean, timeout = SESSION): Promise<DaemonEvent> {
    const { events, streamChanges } = await connect();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const last = events.events.slice(-5).map((e) => `${e.seq} ${e.body.kind}${e.sessionId ? ` ${e.sessionId}` : ''}`);
        const stream = streamChanges.length > 0 ? `; the stream: ${streamChanges.join(', ')}` : '';
        reject(new Error(`no event of ${what} within ${timeout} ms; the last events: ${last.join(', ') || '(none)'}${stream}`));
      }, timeout);
    });
    try {
      return await Promise.race([events.next(test), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  const finished = (sessionId: string, timeout = SESSION) =>
    event(`session ${sessionId} finishing`, (e) => e.body.kind === 'sessionFinished' && e.sessionId === sessionId, timeout);

  const test = (name: string, body: () => Promise<void>, timeout = DASHBOARD_TEST) => browser.test(name, body, timeout);
  return { manager, browser, test, client: connect, login, open, sync, event, finished };
}
