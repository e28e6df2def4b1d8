// The trainer in a Web Worker: the core's client (core/src/worker/client.ts, which proxies progress
// callbacks and rejects every pending and later call once its worker has died) around one worker at a
// time. This wrapper only starts the worker, reports its death to the core's client, and starts a
// fresh worker for the next call after a crash.
import { wrap } from 'comlink';
import type { TrainerApi } from '../../../core/src/worker/api.ts';
import { createTrainerClient } from '../../../core/src/worker/client.ts';

/**
 * What the training panel needs: the current worker's API (the core's TrainerClient), and word when a
 * worker dies. A host, not a client: it starts a fresh worker, and with it a fresh client, after a crash.
 */
export interface TrainerHost {
  api(): TrainerApi;
  /** Called with a showable message when the worker dies. */
  onCrash(listener: (message: string) => void): void;
  dispose(): void;
}

interface Started {
  worker: Worker;
  api: TrainerApi;
  reportDeath: (reason: string) => void;
}

export function createTrainerHost(): TrainerHost {
  let current: Started | null = null;
  let crashListener: (message: string) => void = () => {};

  function start(): Started {
    const worker = new Worker(new URL('../../../core/src/worker/trainer.worker.ts', import.meta.url), {
      type: 'module',
    });
    const { client, reportDeath } = createTrainerClient(wrap<TrainerApi>(worker));
    const started: Started = { worker, api: client, reportDeath };
    worker.addEventListener('error', (event) => {
      const reason = event.message || 'worker error';
      reportDeath(reason);
      worker.terminate();
      if (current === started) current = null;
      crashListener(`The trainer stopped unexpectedly (${reason}); a new one starts with the next run.`);
    });
    return started;
  }

  return {
    api: () => (current ??= start()).api,
    onCrash(listener) {
      crashListener = listener;
    },
    dispose() {
      current?.reportDeath('terminated');
      current?.worker.terminate();
      current = null;
    },
  };
}
