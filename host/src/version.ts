/** How the host introduces itself in the handshake. */
export const HOST_NAME = 'syncmgr';
export const HOST_VERSION = '0.1.0';
