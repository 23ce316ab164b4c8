// Bundles the compiled SDK, the protocol it imports and vscode-jsonrpc's node entry into one module,
// dist/handler-sdk.js, which is what `@syncmgr/handler-sdk` resolves to at run time. A handler's
// start-up then loads one file instead of about 45 plus vscode-jsonrpc's ~30 CommonJS files, which an
// ES module otherwise reaches through Node's CommonJS loader (issue 11; scripts/cold-start.js measures it).
// vscode-jsonrpc stays a dependency for the types (dist/index.d.ts names it), not for run time.
// uuid stays external: stable-id.ts loads it lazily, only when a handler asks for a stable id.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { dependencies } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const bundled = new Set(['@syncmgr/protocol', 'vscode-jsonrpc']);
const external = Object.keys(dependencies).filter((name) => !bundled.has(name));

await build({
  entryPoints: [path.join(root, 'dist', 'index.js')],
  outfile: path.join(root, 'dist', 'handler-sdk.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: external.flatMap((name) => [name, `${name}/*`]),
  // esbuild's wrapper of a CommonJS module calls require() for Node's builtins (net, crypto, …); an ES
  // module has none, so give it one. The alias keeps it clear of the SDK's own `createRequire` import.
  banner: { js: "import { createRequire as __sdkCreateRequire } from 'node:module';\nconst require = __sdkCreateRequire(import.meta.url);" },
  sourcemap: 'linked',
  logLevel: 'warning',
});
