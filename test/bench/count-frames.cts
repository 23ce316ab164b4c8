// Preloaded into B3's SDK handler (node --require): counts the frames the handler writes to stdout,
// the messages on the wire, and leaves the count in $FRAME_COUNT_FILE when it exits. It wraps
// process.stdout.write before the SDK takes stdout over, so every protocol write goes through it.
// With verbatimModuleSyntax a .cts says require() as such.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import fs = require('node:fs');

const countFile = process.env['FRAME_COUNT_FILE'];
const write = process.stdout.write.bind(process.stdout) as (chunk: unknown, ...rest: unknown[]) => boolean;
let frames = 0;
process.stdout.write = (chunk: unknown, ...rest: unknown[]) => {
  frames += String(chunk).split('Content-Length:').length - 1;
  return write(chunk, ...rest);
};
process.on('exit', () => countFile && fs.writeFileSync(countFile, String(frames)));
