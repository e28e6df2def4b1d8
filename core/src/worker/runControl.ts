// The life of a run in a worker service, shared by the kernel trainer (service.ts) and LeNet's
// (lenetService.ts): a run is a promise that settles when its loop ends; pause and stop are requests
// the loop reads between time slices, each acknowledged once the loop has halted; progress goes to a
// callback that may belong to a caller that went away.

/** Longest stretch of training between two yields: bounds pause/stop latency. */
export const SLICE_MS = 4;
/** Shortest gap between two progress messages: at most 60 per second (plus the final one). */
export const PROGRESS_INTERVAL_MS = 17;

export type HaltRequest = 'pause' | 'stop';

export class RunControl<Result> {
  /** What the caller asked the running loop to do, read by the loop between slices. */
  request: HaltRequest | null = null;
  private acknowledgements: Array<() => void> = [];
  private finish: ((result: Result) => void) | null = null;
  /** Called when a request arrives, so a loop waiting between epochs wakes at once. */
  onRequest: () => void = () => undefined;

  /** Starts a run: `loop` trains until it has settled the run with `settle`. */
  start(loop: () => Promise<void>): Promise<Result> {
    this.request = null;
    return new Promise<Result>((finish) => {
      this.finish = finish;
      void loop();
    });
  }

  /** Asks the running loop to halt; resolves once it has. A stop overrides a pending pause, never the other way round. */
  requestAndWait(request: HaltRequest): Promise<void> {
    if (this.request !== 'stop') this.request = request;
    const halted = new Promise<void>((resolve) => this.acknowledgements.push(resolve));
    this.onRequest();
    return halted;
  }

  /** The request the loop ended on (cleared for the next run). */
  takeRequest(): HaltRequest | null {
    const request = this.request;
    this.request = null;
    return request;
  }

  /** Ends the run: acknowledges every pause or stop request and resolves the run with `result`. */
  settle(result: Result): void {
    const finish = this.finish;
    this.finish = null;
    const acknowledgements = this.acknowledgements;
    this.acknowledgements = [];
    for (const acknowledge of acknowledgements) acknowledge();
    finish?.(result);
  }
}

/** Calls a progress callback; through comlink it returns a promise, and a caller that went away must not crash the loop. */
export function sendProgress<T>(callback: ((message: T) => unknown) | undefined, message: () => T): void {
  if (callback === undefined) return;
  try {
    const returned: unknown = callback(message());
    if (returned instanceof Promise) returned.catch(() => undefined);
  } catch {
    // Progress is best effort; the run's result is what counts.
  }
}
