// (b) The floor: a CommonJS child on vscode-jsonrpc alone, answering the handshake.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- this child measures CommonJS's require()
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');

const connection = createMessageConnection(new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
connection.onRequest('syncmgr/handshake', () => ({ protocolVersion: '1.0', capabilities: {} }));
process.stdin.on('end', () => process.exit(0));
connection.listen();
