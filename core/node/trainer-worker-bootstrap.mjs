// Entry point of the trainer worker in Node worker_threads. Node cannot start a worker from
// TypeScript, so this plain module registers tsx for this thread, installs comlink's Node endpoint
// where core/src/worker/endpoint.ts looks for it, and then imports the one worker module.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';

if (parentPort === null) throw new Error('trainer-worker-bootstrap: must run inside a worker thread');
register();
globalThis.__convlabWorkerEndpoint = nodeEndpoint(parentPort);
await import('../src/worker/trainer.worker.ts');
