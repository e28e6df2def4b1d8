// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- an ambient module declaration (the adapter types) can only be pulled in this way
/// <reference path="./comlinkNodeAdapter.d.ts" />
// Starts the trainer worker in a Node worker thread and returns a TrainerClient for it. The CLI and
// the tests use this; the renderer does the same with a browser Worker (see core/src/worker/client.ts).
import { Worker } from 'node:worker_threads';
import { wrap } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { TrainerApi } from '../src/worker/api.ts';
import { createTrainerClient, type TrainerClient } from '../src/worker/client.ts';

export interface NodeTrainerWorker {
  client: TrainerClient;
  /** The underlying thread (tests kill it to check that death is reported). */
  worker: Worker;
  /** Ends the thread; pending calls reject with TrainerWorkerDied. */
  terminate(): Promise<void>;
}

const BOOTSTRAP = new URL('./trainerWorkerBootstrap.mjs', import.meta.url);

export function startTrainerWorker(): NodeTrainerWorker {
  const worker = new Worker(BOOTSTRAP);
  const remote = wrap<TrainerApi>(nodeEndpoint(worker));
  const { client, reportDeath } = createTrainerClient(remote);
  worker.on('error', (error: Error) => reportDeath(`crashed: ${error.message}`));
  worker.on('exit', (code: number) => reportDeath(`exited with code ${code}`));
  return {
    client,
    worker,
    terminate: async () => {
      await worker.terminate();
    },
  };
}
