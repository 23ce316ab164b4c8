// npm run demo: a real sync of the sample handlers through the real host, on a home of its own.
// `npm run demo -- --with-mail` also registers mail-sync, which asks for a logon (user alice, password demo).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FOLDER_SYNC_CLSID, prepareDemoHome, TAR_SNAPSHOT_CLSID } from './demo-home.js';
import { MAIL_SYNC_CLSID, prepareMailSample } from './mail-sample.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const cli = path.join(repoRoot, 'host', 'bin', 'syncmgr.js');
const home = path.resolve(process.env['SYNCMGR_HOME'] || path.join(repoRoot, '.demo', 'home'));

function syncmgr(args: string[], quiet = false): number {
  const run = spawnSync(process.execPath, [cli, '--home', home, ...args], { stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit' });
  return run.status ?? 1;
}

function register(clsid: string, name: string, command: string[]): void {
  if (syncmgr(['register', clsid, '--force', '--name', name, '--', ...command], true) !== 0) process.exit(2);
}

const python = spawnSync('python3', ['--version']).status === 0;
const layout = await prepareDemoHome(home);
register(FOLDER_SYNC_CLSID, 'Folder sync (TypeScript)', [
  process.execPath,
  path.join(repoRoot, 'sample-handlers', 'dist', 'folder-sync', 'main.js'),
  '--config',
  layout.folderSyncConfig,
]);
if (python) {
  register(TAR_SNAPSHOT_CLSID, 'Folder snapshots (Python)', [
    'python3',
    path.join(repoRoot, 'sample-handlers', 'python', 'tar_snapshot.py'),
    '--config',
    layout.tarSnapshotConfig,
  ]);
} else {
  console.error('python3 was not found: the Python sample is left out of the demo');
}

if (process.argv.includes('--with-mail')) {
  const mailConfig = await prepareMailSample(layout.samples);
  register(MAIL_SYNC_CLSID, 'Mail (sample)', [
    process.execPath,
    path.join(repoRoot, 'sample-handlers', 'dist', 'mail-sync', 'main.js'),
    '--config',
    mailConfig,
  ]);
  console.log('mail-sync asks for a logon: user alice, password demo (try a wrong one, then open the error to retry)');
}

console.log(`demo home: ${home}\nsample folders: ${layout.samples}\n`);
const status = syncmgr(['sync']);
console.log(`\nSync again on the same home:  npx syncmgr --home ${home} sync`);
console.log(`See what a handler offers:    npx syncmgr --home ${home} items ${FOLDER_SYNC_CLSID}`);
process.exitCode = status;
