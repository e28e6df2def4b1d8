// The one trainer worker module. Browser: `new Worker(new URL('.../trainer.worker.ts', import.meta.url),
// { type: 'module' })`. Node: started through core/node/trainerWorkerBootstrap.mjs, which installs the
// endpoint first. Either way the caller wraps it with comlink as a TrainerApi.
import { expose } from 'comlink';
import { workerEndpoint } from './endpoint.ts';
import { TrainerService } from './service.ts';

expose(new TrainerService(), workerEndpoint());
