// Where the worker module talks: a Node worker_threads bootstrap (core/node) puts a comlink endpoint
// on globalThis under this key before importing the module; in a browser Web Worker there is none and
// comlink uses the worker's global scope (`self`), its default.
import type { Endpoint } from 'comlink';

const WORKER_ENDPOINT_KEY = '__convlabWorkerEndpoint';

export function workerEndpoint(): Endpoint | undefined {
  return (globalThis as Record<string, unknown>)[WORKER_ENDPOINT_KEY] as Endpoint | undefined;
}
