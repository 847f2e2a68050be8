// Bounds how many bytes of work run at once in an isolate: tasks declare their size, and a task
// waits while the ones running already hold the budget. A task bigger than the whole budget still
// runs, alone. Small tasks keep running side by side, so only big ones pay with waiting.

export class ByteGate {
  private inFlight = 0;
  private running = 0;
  private waiting: { bytes: number; start: () => void }[] = [];

  constructor(private readonly budget: number) {}

  async run<T>(bytes: number, task: () => Promise<T>): Promise<T> {
    const size = Math.max(0, bytes);
    if (!this.fits(size) || this.waiting.length > 0) {
      // In arrival order: a big task is not passed over forever by small ones behind it.
      await new Promise<void>((start) => this.waiting.push({ bytes: size, start }));
    } else {
      this.take(size);
    }
    try {
      return await task();
    } finally {
      this.inFlight -= size;
      this.running--;
      this.admit();
    }
  }

  private fits(bytes: number): boolean {
    return this.running === 0 || this.inFlight + bytes <= this.budget;
  }

  private take(bytes: number): void {
    this.inFlight += bytes;
    this.running++;
  }

  private admit(): void {
    while (this.waiting.length > 0 && this.fits(this.waiting[0].bytes)) {
      const next = this.waiting.shift()!;
      this.take(next.bytes);
      next.start();
    }
  }
}
