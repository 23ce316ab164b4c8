import readline from 'node:readline';

export interface Key {
  name?: string;
  sequence?: string;
  ctrl?: boolean;
}

/** Single keys from a terminal in raw mode; pause() hands the terminal back (for a prompt). */
export class KeyListener {
  private readonly onKeypress = (_text: string | undefined, key: Key | undefined) => {
    if (key) this.handle(key);
  };

  constructor(
    private readonly input: NodeJS.ReadStream,
    private readonly handle: (key: Key) => void,
  ) {
    readline.emitKeypressEvents(input);
    this.resume();
  }

  pause(): void {
    this.input.off('keypress', this.onKeypress);
    this.input.setRawMode(false);
  }

  resume(): void {
    this.input.setRawMode(true);
    this.input.on('keypress', this.onKeypress);
    this.input.resume();
  }

  stop(): void {
    this.pause();
    this.input.pause();
  }
}
