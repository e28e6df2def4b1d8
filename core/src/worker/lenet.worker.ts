// The LeNet trainer worker module. Browser: `new Worker(new URL('.../lenet.worker.ts', import.meta.url),
// { type: 'module' })`. Node: started through core/node/trainerWorkerBootstrap.mjs with
// `workerData: { service: 'lenet' }`, which installs the endpoint first. Wrap it as a LenetTrainerApi.
import { expose } from 'comlink';
import { workerEndpoint } from './endpoint.ts';
import { LenetTrainerService } from './lenetService.ts';

expose(new LenetTrainerService(), workerEndpoint());
