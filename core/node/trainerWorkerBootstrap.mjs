// Entry point of the trainer workers in Node worker_threads. Node cannot start a worker from
// TypeScript, so this plain module registers tsx for this thread, installs comlink's Node endpoint
// where core/src/worker/endpoint.ts looks for it, and then imports the worker module that
// `workerData.service` names: the kernel trainer by default, or 'lenet' for the LeNet trainer.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';

const WORKER_MODULES = {
  trainer: '../src/worker/trainer.worker.ts',
  lenet: '../src/worker/lenet.worker.ts',
};

if (parentPort === null) throw new Error('trainerWorkerBootstrap: must run inside a worker thread');
const service = workerData?.service ?? 'trainer';
const module = WORKER_MODULES[service];
if (module === undefined) throw new Error(`trainerWorkerBootstrap: no worker service named ${service}`);
register();
globalThis.__convlabWorkerEndpoint = nodeEndpoint(parentPort);
await import(module);
