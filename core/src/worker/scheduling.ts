// Time and yielding without DOM or Node types: core/src sees neither, so the few host functions the
// worker loop needs are looked up on globalThis with the shapes both hosts provide.
interface HostGlobals {
  performance?: { now(): number };
  setImmediate?: (callback: () => void) => unknown;
  setTimeout?: (callback: () => void, ms: number) => unknown;
  MessageChannel?: new () => {
    port1: { onmessage: ((event: unknown) => void) | null; close(): void };
    port2: { postMessage(message: unknown): void; close(): void };
  };
}

const host = globalThis as unknown as HostGlobals;

/** Milliseconds from a monotonic clock when there is one. */
export function now(): number {
  return host.performance ? host.performance.now() : Date.now();
}

let channel: InstanceType<NonNullable<HostGlobals['MessageChannel']>> | null = null;
const waiting: Array<() => void> = [];

/**
 * Resolves after the host has had a chance to deliver incoming messages (a macrotask), so a pause or
 * stop sent while training is seen. Node: setImmediate (runs after the poll phase that delivers
 * worker messages). Browser: a MessageChannel message, which, unlike setTimeout, is not clamped to 4 ms.
 */
export function yieldToHost(): Promise<void> {
  return new Promise((resolve) => {
    if (host.setImmediate) {
      host.setImmediate(resolve);
    } else if (host.MessageChannel) {
      if (channel === null) {
        channel = new host.MessageChannel();
        channel.port1.onmessage = () => waiting.shift()?.();
      }
      waiting.push(resolve);
      channel.port2.postMessage(null);
    } else if (host.setTimeout) {
      host.setTimeout(resolve, 0);
    } else {
      resolve();
    }
  });
}

/**
 * Resolves after `ms` milliseconds, or as soon as `wake` is called, whichever comes first. The watchable
 * pace waits between epochs with this, so a pause, a stop or a change of speed acts at once.
 */
export function sleep(ms: number): { done: Promise<void>; wake: () => void } {
  let wake: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    wake = resolve;
    if (host.setTimeout) host.setTimeout(resolve, ms);
    else resolve();
  });
  return { done, wake };
}
