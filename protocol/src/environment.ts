/**
 * Variables the host sets in every handler's environment, so a handler knows it is hosted
 * (COM's -Embedding) before any message arrives, and can watch its host from the first instant.
 */
export const HandlerEnvironment = {
  /** The host's process id: exit when it is gone. */
  HOST_PID: 'SYNCMGR_HOST_PID',
  /** The class ID this process was started for. */
  CLSID: 'SYNCMGR_CLSID',
  /** The session this process serves; passed on to children like the other variables. */
  SESSION_ID: 'SYNCMGR_SESSION_ID',
  /** A fresh UUID per handler process: the marker by which the host ends what the process left running. */
  INSTANCE_ID: 'SYNCMGR_INSTANCE_ID',
} as const;

/** The largest message either side should send, in bytes of JSON body (the host's default limit). */
export const DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
