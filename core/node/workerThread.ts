// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- an ambient module declaration (the adapter types) can only be pulled in this way
/// <reference path="./comlinkNodeAdapter.d.ts" />
// Starts one of the core's worker services in a Node worker thread and wraps it in its client: the
// kernel trainer (`convlab train`) and the LeNet trainer (`convlab lenet`) share this and one bootstrap,
// which loads the service `workerData.service` names. The renderer does the same with a browser Worker.
import { Worker } from 'node:worker_threads';
import { wrap, type Remote } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';

export interface NodeServiceWorker<Client> {
  client: Client;
  /** The underlying thread (tests kill it to check that death is reported). */
  worker: Worker;
  /** Ends the thread; pending calls reject with TrainerWorkerDied. */
  terminate(): Promise<void>;
}

/** A service's client factory: the client, and how to tell it the worker died. */
type ClientFactory<Api, Client> = (remote: Remote<Api>) => {
  client: Client;
  reportDeath: (reason: string) => void;
};

const BOOTSTRAP = new URL('./trainerWorkerBootstrap.mjs', import.meta.url);

export function startServiceWorker<Api, Client>(
  service: 'trainer' | 'lenet',
  createClient: ClientFactory<Api, Client>,
): NodeServiceWorker<Client> {
  const worker = new Worker(BOOTSTRAP, { workerData: { service } });
  const { client, reportDeath } = createClient(wrap<Api>(nodeEndpoint(worker)));
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
