// (a) The smallest handler on the SDK: no items. Ready once it answers the handshake.
import { runHandler } from '@syncmgr/handler-sdk';

runHandler({ handlerInfo: { handlerName: 'cold start' }, enumItems: () => [], synchronizeItem: () => {} });
