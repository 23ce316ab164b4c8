import { runHandler } from '@syncmgr/handler-sdk';
import { loadConfigFromArgv } from '../shared/config-from-argv.js';
import { readConfigDocument } from './config.js';
import { createFolderSyncHandler } from './handler.js';

const config = await loadConfigFromArgv('folder-sync', process.argv.slice(2), readConfigDocument);
runHandler(createFolderSyncHandler(config), { name: 'folder-sync', version: '0.1.0' });
