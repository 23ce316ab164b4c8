// B1's baseline: the bare child a user would write without the SDK, in CommonJS, as most Node
// programs that require vscode-jsonrpc are: an ES module loads the same package ~25 ms slower,
// which would count against the baseline instead of against the host. Answers the handshake and
// the shutdown, and ends with its stdin.
// With verbatimModuleSyntax a .cts says require() as such: this is the CommonJS load being measured.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import rpc = require('vscode-jsonrpc/node');

const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(process.stdin), new rpc.StreamMessageWriter(process.stdout));
process.stdin.on('end', () => process.exit(0));
connection.onRequest('syncmgr/handshake', () => ({ protocolVersion: '1.0', capabilities: {} }));
connection.onRequest('syncmgr/shutdown', () => ({}));
connection.listen();
