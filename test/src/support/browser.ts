// The browser of the dashboard's tests: Debian's chromium driven by playwright-core (Playwright's own
// builds cannot be downloaded on these machines). One browser per test file, a fresh context per test.
import { accessSync, constants } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { inRepo } from './repo-paths.js';

/** Where the screenshots go: an artifact of the run, not a file of the repository. */
export const artifactsDir = inRepo('artifacts', 'dashboard');

// On this closed network anything chromium would fetch by itself only hangs or fails; no sandbox in containers.
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const HOW_TO_INSTALL =
  "install Debian's chromium (sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium; .ci/run does this), " +
  'or set SYNCMGR_CHROMIUM to a chromium or chrome binary';

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The chromium to drive: $SYNCMGR_CHROMIUM, else /usr/bin/chromium, else `chromium` on PATH; throws saying how to get one. */
export function findChromium(): string {
  const chosen = process.env['SYNCMGR_CHROMIUM'];
  if (chosen) {
    if (executable(chosen)) return chosen;
    throw new Error(`SYNCMGR_CHROMIUM=${chosen} is not an executable file: ${HOW_TO_INSTALL}`);
  }
  if (executable('/usr/bin/chromium')) return '/usr/bin/chromium';
  const onPath = (process.env['PATH'] ?? '').split(path.delimiter).map((dir) => path.join(dir, 'chromium'));
  const found = onPath.find(executable);
  if (found) return found;
  throw new Error(`no chromium for the dashboard's browser tests (not /usr/bin/chromium, not on PATH): ${HOW_TO_INSTALL}`);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), headless: true, args: ARGS, timeout: 60_000 });
}

const fileName = (name: string) =>
  name
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120);

/** Saves the page as artifacts/dashboard/<name>.png; returns the file. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${fileName(name)}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

// Jest prints the stack, which holds the message as it was when the error was made: add to both.
function annotate(error: Error, note: string): void {
  const frames = error.stack?.indexOf('\n    at ') ?? -1;
  error.message += note;
  if (error.stack && frames >= 0) error.stack = error.stack.slice(0, frames) + note + error.stack.slice(frames);
}

export interface BrowserHarness {
  browser(): Browser;
  /** A fresh context (closed after the test) and a page in it. */
  newPage(options?: BrowserContextOptions): Promise<{ context: BrowserContext; page: Page }>;
  /**
   * `it`, but a failure saves a screenshot of every page the test opened (failed-<test>-<n>.png) and
   * adds to the error where they are and what the pages logged as errors.
   */
  test(name: string, body: () => Promise<void>, timeout?: number): void;
}

/** Launches the browser before the file's tests and closes it after; closes each test's contexts after it. */
export function browserPerFile(): BrowserHarness {
  let browser: Browser | undefined;
  let contexts: BrowserContext[] = [];
  let pageErrors: string[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    await Promise.all(contexts.map((context) => context.close().catch(() => undefined)));
    contexts = [];
    pageErrors = [];
  });

  async function newPage(options: BrowserContextOptions = {}) {
    if (!browser) throw new Error('the browser did not launch (see the beforeAll error)');
    const context = await browser.newContext(options);
    contexts.push(context);
    context.on('page', (page) => watch(page));
    const page = await context.newPage();
    return { context, page };
  }

  // What the page says went wrong, for the failure message: uncaught errors and console.error.
  function watch(page: Page): void {
    page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`console.error: ${message.text()}`);
    });
  }

  async function failureScreenshots(name: string): Promise<string[]> {
    const pages = contexts.flatMap((context) => context.pages());
    const files = await Promise.all(
      pages.map((page, n) => screenshot(page, `failed-${name}-${n + 1}`).catch((error: Error) => `(no screenshot: ${error.message})`)),
    );
    return files;
  }

  function test(name: string, body: () => Promise<void>, timeout?: number): void {
    it(
      name,
      async () => {
        try {
          await body();
        } catch (error) {
          const files = await failureScreenshots(name);
          const notes = [`screenshots: ${files.join(', ') || '(no page open)'}`, ...pageErrors.slice(-20)];
          if (error instanceof Error) annotate(error, `\n\n${notes.join('\n')}`);
          throw error;
        }
      },
      timeout,
    );
  }

  return { browser: () => browser!, newPage, test };
}
