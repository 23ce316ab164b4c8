import { runHandler } from '@syncmgr/handler-sdk';
import { loadConfigFromArgv } from '../shared/config-from-argv.js';
import { loadMailConfig } from './config.js';
import { createMailSyncHandler } from './handler.js';

const config = await loadConfigFromArgv('mail-sync', process.argv.slice(2), loadMailConfig);
runHandler(createMailSyncHandler(config), { name: 'mail-sync', version: '0.1.0' });
