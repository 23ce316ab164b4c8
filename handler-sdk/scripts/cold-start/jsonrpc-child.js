// (c) The same child as an ES module: vscode-jsonrpc's CommonJS files loaded through an import.
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

const connection = createMessageConnection(new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
connection.onRequest('syncmgr/handshake', () => ({ protocolVersion: '1.0', capabilities: {} }));
process.stdin.on('end', () => process.exit(0));
connection.listen();
