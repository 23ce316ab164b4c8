/** Work started at most once, when first asked for (start) or first awaited (done); it never rejects. */
export class Postponed {
  private promise: Promise<void> | undefined;

  constructor(private readonly work: () => Promise<void>) {}

  start(): void {
    this.promise ??= this.work().catch(() => undefined);
  }

  /** Starts the work if nothing has yet, and resolves once it is finished. */
  done(): Promise<void> {
    this.start();
    return this.promise ?? Promise.resolve();
  }
}
