// The trainer in a Web Worker behind comlink. One worker at a time; if it dies, every pending call
// rejects with a message the UI can show and the next `get()` starts a fresh worker.
import * as Comlink from 'comlink';
import type { ProgressCallback, TrainerApi } from '../../../core/src/worker/api.ts';

/** What the training panel needs: the worker's API, with progress callbacks passed as plain functions. */
export interface TrainerClient {
  api(): TrainerApi;
  /** Wraps a callback so it can cross to the worker (comlink.proxy; identity in fakes). */
  callback(fn: ProgressCallback): ProgressCallback;
  /** Called with a showable message when the worker dies. */
  onCrash(listener: (message: string) => void): void;
  dispose(): void;
}

export function createWorkerClient(): TrainerClient {
  let worker: Worker | null = null;
  let remote: Comlink.Remote<TrainerApi> | null = null;
  let crashListener: (message: string) => void = () => {};
  let rejectPending: ((error: Error) => void)[] = [];

  function start(): Comlink.Remote<TrainerApi> {
    worker = new Worker(new URL('../../../core/src/worker/trainer.worker.ts', import.meta.url), {
      type: 'module',
    });
    worker.addEventListener('error', (event) => {
      const message = `The trainer stopped unexpectedly (${event.message || 'worker error'}); a new one starts with the next run.`;
      worker?.terminate();
      worker = null;
      remote = null;
      for (const reject of rejectPending) reject(new Error(message));
      rejectPending = [];
      crashListener(message);
    });
    return Comlink.wrap<TrainerApi>(worker);
  }

  // Each call races the worker's death, so a crash never leaves a promise pending forever.
  const guarded = new Proxy({} as TrainerApi, {
    get(_target, name: string) {
      return (...args: unknown[]) => {
        remote ??= start();
        const method = (remote as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[name];
        return new Promise((resolve, reject) => {
          rejectPending.push(reject);
          method(...args)
            .then(resolve, reject)
            .finally(() => {
              rejectPending = rejectPending.filter((r) => r !== reject);
            });
        });
      };
    },
  });

  return {
    api: () => guarded,
    callback: (fn) => Comlink.proxy(fn),
    onCrash(listener) {
      crashListener = listener;
    },
    dispose() {
      worker?.terminate();
      worker = null;
      remote = null;
    },
  };
}
