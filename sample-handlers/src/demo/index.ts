export { FOLDER_SYNC_CLSID, prepareDemoHome, TAR_SNAPSHOT_CLSID, type DemoLayout } from './demo-home.js';
export { DEMO_MAIL_PASSWORD, DEMO_MAIL_USER, MAIL_SYNC_CLSID, prepareMailSample } from './mail-sample.js';
export { LOGON_ERROR_ID } from '../mail-sync/logon.js';
