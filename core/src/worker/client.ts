// The caller's side of the trainer worker, shared by the Node client (core/node) and the renderer:
// wraps comlink's remote so callers pass plain progress functions, and so every pending and later
// call rejects with a readable error once the worker has died (comlink alone would wait forever).
import { proxy, type Remote } from 'comlink';
import type { ProgressCallback, TrainerApi } from './api.ts';

/** Thrown by every pending and later call after the worker has died. */
export class TrainerWorkerDied extends Error {
  override name = 'TrainerWorkerDied';
}

export interface TrainerClient extends TrainerApi {
  /** Rejects with TrainerWorkerDied when the worker dies; never resolves otherwise. */
  readonly died: Promise<never>;
}

/**
 * What every client of a worker service needs: `died` rejects with TrainerWorkerDied (naming `worker`)
 * on the first `reportDeath`, and `guard(call)` settles like the call unless the worker dies first.
 * Shared by the kernel trainer's client and the LeNet trainer's (lenetClient.ts).
 */
export function watchForDeath(worker: string): {
  died: Promise<never>;
  guard: <T>(call: () => Promise<T>) => Promise<T>;
  reportDeath: (reason: string) => void;
} {
  let reportDeath: (reason: string) => void = () => undefined;
  const died = new Promise<never>((_, reject) => {
    reportDeath = (reason) => reject(new TrainerWorkerDied(`${worker} died: ${reason}; start a new one`));
  });
  // Nobody may be waiting at the moment of death; that must not be an unhandled rejection.
  died.catch(() => undefined);
  const guard = <T>(call: () => Promise<T>): Promise<T> => Promise.race([call(), died]);
  return { died, guard, reportDeath };
}

/**
 * In a browser (the renderer):
 *   const worker = new Worker(new URL('<path to>/core/src/worker/trainer.worker.ts', import.meta.url), { type: 'module' });
 *   const { client, reportDeath } = createTrainerClient(wrap<TrainerApi>(worker));
 *   worker.addEventListener('error', (event) => reportDeath(event.message || 'it crashed'));
 *   // after worker.terminate(): reportDeath('terminated'); then start a new worker for the next run.
 * In Node, core/node/trainerWorker.ts does the same with worker_threads ('error' and 'exit').
 *
 * `remote` is comlink's `wrap<TrainerApi>(endpoint)`. Call `reportDeath` from the host's worker error
 * or exit handler (browser: the Worker's 'error' event; Node: 'error' and 'exit'); the first report wins.
 */
export function createTrainerClient(remote: Remote<TrainerApi>): {
  client: TrainerClient;
  reportDeath: (reason: string) => void;
} {
  const { died, guard, reportDeath } = watchForDeath('trainer worker');
  const wrapProgress = (callback?: ProgressCallback) =>
    callback === undefined ? undefined : proxy(callback);
  // comlink's Remote types a proxied callback parameter differently from the plain one; the calls are the same.
  const api = remote as unknown as TrainerApi;
  const client: TrainerClient = {
    died,
    configure: (experiment, resume) => guard(() => api.configure(experiment, resume)),
    setSpeed: (speed) => guard(() => api.setSpeed(speed)),
    run: (epochs, onProgress) => guard(() => api.run(epochs, wrapProgress(onProgress))),
    pause: () => guard(() => api.pause()),
    resume: (onProgress) => guard(() => api.resume(wrapProgress(onProgress))),
    step: () => guard(() => api.step()),
    stop: () => guard(() => api.stop()),
    reset: () => guard(() => api.reset()),
    getState: () => guard(() => api.getState()),
  };
  return { client, reportDeath };
}
