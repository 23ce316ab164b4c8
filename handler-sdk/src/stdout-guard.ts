import { Writable } from 'node:stream';

let protocolOut: Writable | undefined;

/**
 * Takes stdout for the protocol alone: returns a stream that writes to the real stdout, and
 * sends everything else written there (console.*, process.stdout.write) to stderr instead,
 * since one stray byte corrupts the Content-Length framing. Takes over once; later calls
 * return the same stream.
 */
export function takeOverStdout(): Writable {
  protocolOut ??= redirectStdout();
  return protocolOut;
}

function redirectStdout(): Writable {
  const stdout = process.stdout;
  const writeToStdout = stdout.write.bind(stdout);
  const stream = new Writable({
    // Strings pass through as they are: copying each into a Buffer first cost a copy per write.
    decodeStrings: false,
    write(chunk: string | Buffer, encoding, callback) {
      if (typeof chunk === 'string') writeToStdout(chunk, encoding, callback);
      else writeToStdout(chunk, callback);
    },
  });
  // A closed pipe (the host is gone) surfaces on process.stdout; hand it to the protocol stream.
  stdout.on('error', (error: Error) => stream.destroy(error));
  stdout.write = process.stderr.write.bind(process.stderr);
  rerouteConsole();
  return stream;
}

function rerouteConsole(): void {
  // The global console's own class: importing node:console would cost start-up time.
  const toStderr = new console.Console({ stdout: process.stderr, stderr: process.stderr });
  const target = console as unknown as Record<string, unknown>;
  const source = toStderr as unknown as Record<string, unknown>;
  for (const key of Object.keys(target)) {
    const method = source[key];
    if (typeof method === 'function') target[key] = method.bind(toStderr);
  }
}
