// Starts the kernel trainer in a Node worker thread and returns a TrainerClient for it. The CLI and
// the tests use this; the renderer does the same with a browser Worker (see core/src/worker/client.ts).
import { createTrainerClient, type TrainerClient } from '../src/worker/client.ts';
import { startServiceWorker, type NodeServiceWorker } from './workerThread.ts';

export type NodeTrainerWorker = NodeServiceWorker<TrainerClient>;

export const startTrainerWorker = (): NodeTrainerWorker => startServiceWorker('trainer', createTrainerClient);
