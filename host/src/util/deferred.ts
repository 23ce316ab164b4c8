/** A promise with its resolve function at hand: for completions that arrive as callbacks. */
export class Deferred<T> {
  readonly promise: Promise<T>;
  resolve!: (value: T) => void;
  private settled = false;

  constructor() {
    this.promise = new Promise<T>((resolve) => {
      this.resolve = (value) => {
        this.settled = true;
        resolve(value);
      };
    });
  }

  get isSettled(): boolean {
    return this.settled;
  }
}
