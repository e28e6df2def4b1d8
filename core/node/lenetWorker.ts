// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- an ambient module declaration (the adapter types) can only be pulled in this way
/// <reference path="./comlinkNodeAdapter.d.ts" />
// Starts the LeNet trainer worker in a Node worker thread (the same bootstrap as the kernel trainer's,
// told which service to load) and returns a LenetTrainerClient for it. `convlab lenet` and the tests use it.
import { Worker } from 'node:worker_threads';
import { wrap } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { LenetTrainerApi } from '../src/worker/lenetApi.ts';
import { createLenetTrainerClient, type LenetTrainerClient } from '../src/worker/lenetClient.ts';

export interface NodeLenetWorker {
  client: LenetTrainerClient;
  /** The underlying thread (tests kill it to check that death is reported). */
  worker: Worker;
  /** Ends the thread; pending calls reject with TrainerWorkerDied. */
  terminate(): Promise<void>;
}

const BOOTSTRAP = new URL('./trainerWorkerBootstrap.mjs', import.meta.url);

export function startLenetWorker(): NodeLenetWorker {
  const worker = new Worker(BOOTSTRAP, { workerData: { service: 'lenet' } });
  const remote = wrap<LenetTrainerApi>(nodeEndpoint(worker));
  const { client, reportDeath } = createLenetTrainerClient(remote);
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
