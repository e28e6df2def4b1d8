// The LeNet trainer's Web Worker (core/src/worker/lenet.worker.ts) behind comlink. One worker at a
// time: when it dies, every pending call rejects (lenetClient's death watch) and the next `client()`
// starts a fresh one.
import { wrap } from 'comlink';
import { createLenetTrainerClient, type LenetTrainerClient } from '../../../core/src/worker/lenetClient.ts';
import type { LenetTrainerApi } from '../../../core/src/worker/lenetApi.ts';

export interface LenetWorkerHost {
  /** The live worker's client; starts a worker when none is running (first use, or after a death). */
  client(): LenetTrainerClient;
  /** Ends the worker; the next `client()` starts a new one. */
  dispose(): void;
}

export function createLenetWorkerHost(): LenetWorkerHost {
  let worker: Worker | null = null;
  let current: { client: LenetTrainerClient; reportDeath: (reason: string) => void } | null = null;

  function end(reason: string): void {
    worker?.terminate();
    current?.reportDeath(reason);
    worker = null;
    current = null;
  }

  return {
    client() {
      if (current !== null) return current.client;
      const started = new Worker(new URL('../../../core/src/worker/lenet.worker.ts', import.meta.url), {
        type: 'module',
      });
      worker = started;
      current = createLenetTrainerClient(wrap<LenetTrainerApi>(started));
      started.addEventListener('error', (event) => {
        if (worker === started) end(event.message || 'it crashed');
      });
      started.addEventListener('messageerror', () => {
        if (worker === started) end('a message could not be read');
      });
      return current.client;
    },
    dispose() {
      end('it was closed');
    },
  };
}
