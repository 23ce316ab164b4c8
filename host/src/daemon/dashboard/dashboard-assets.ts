import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** A built file of the page, held in memory. */
export interface Asset {
  readonly body: Buffer;
  readonly contentType: string;
}

/** The page's files by their URL path; a file the build did not make is absent. */
export type DashboardAssets = ReadonlyMap<string, Asset>;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '/index.html': 'text/html; charset=utf-8',
  '/app.js': 'text/javascript; charset=utf-8',
  '/styles.css': 'text/css; charset=utf-8',
  '/app.js.map': 'application/json; charset=utf-8',
  '/styles.css.map': 'application/json; charset=utf-8',
};

// A bundle is a few hundred KiB; a file past this is not ours, and is not held in memory.
const MAX_ASSET_BYTES = 16 * 1024 * 1024;

/** host/dist/dashboard/, next to this compiled module's folder (dist/daemon/dashboard/). */
export const DASHBOARD_BUILD_FOLDER = fileURLToPath(new URL('../../dashboard/', import.meta.url));

/** Reads the page's built files once, when the endpoint starts: a rebuild shows after a restart. */
export async function loadDashboardAssets(folder: string = DASHBOARD_BUILD_FOLDER): Promise<DashboardAssets> {
  const assets = new Map<string, Asset>();
  for (const [urlPath, contentType] of Object.entries(CONTENT_TYPES)) {
    const body = await readSmallFile(folder + urlPath.slice(1));
    if (body) assets.set(urlPath, { body, contentType });
  }
  return assets;
}

async function readSmallFile(file: string): Promise<Buffer | undefined> {
  try {
    if ((await stat(file)).size > MAX_ASSET_BYTES) return undefined;
    return await readFile(file);
  } catch {
    return undefined; // not built: the route answers 500 and says how to build it
  }
}
