// Builds the dashboard page into dist/dashboard/: typechecks dashboard/ (tsc --noEmit), bundles
// dashboard/src/main.tsx with Preact and the protocol's descriptors into one browser module, app.js,
// and copies index.html and styles.css beside it. The daemon serves these files as they are: nothing
// is loaded from elsewhere, so the page works offline and under `script-src 'self'`.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const source = path.join(root, 'dashboard');
const out = path.join(root, 'dist', 'dashboard');

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
try {
  execFileSync(process.execPath, [tsc, '-p', source, '--noEmit'], { stdio: 'inherit' });
} catch {
  // tsc printed its errors.
  process.exit(1);
}

mkdirSync(out, { recursive: true });
const result = await build({
  entryPoints: [path.join(source, 'src', 'main.tsx')],
  outfile: path.join(out, 'app.js'),
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
});

// A Node built-in in the bundle would fail in the browser: the page must pull only browser-safe code.
const nodeOnly = Object.keys(result.metafile.inputs).filter((input) => input.startsWith('node:') || /vscode-jsonrpc[\\/]lib[\\/]node[\\/]/.test(input));
if (nodeOnly.length > 0) throw new Error(`the dashboard bundle pulls Node-only modules: ${nodeOnly.join(', ')}`);

for (const file of ['index.html', 'styles.css']) copyFileSync(path.join(source, file), path.join(out, file));
