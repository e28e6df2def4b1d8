// Starts the LeNet trainer in a Node worker thread and returns a LenetTrainerClient for it.
// `convlab lenet` and the tests use it.
import { createLenetTrainerClient, type LenetTrainerClient } from '../src/worker/lenetClient.ts';
import { startServiceWorker, type NodeServiceWorker } from './workerThread.ts';

export type NodeLenetWorker = NodeServiceWorker<LenetTrainerClient>;

export const startLenetWorker = (): NodeLenetWorker => startServiceWorker('lenet', createLenetTrainerClient);
