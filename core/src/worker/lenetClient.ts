// The caller's side of the LeNet worker (Node's core/node/lenet-worker.ts and the renderer): plain
// progress functions instead of comlink proxies, the data set optionally transferred rather than
// copied, and every pending and later call rejected with TrainerWorkerDied once the worker has died.
import { proxy, transfer, type Remote } from 'comlink';
import type { FashionMnistBytes } from '../data/fashionMnist.ts';
import type { LenetRunConfig } from '../lenet/config.ts';
import type { LenetData } from '../lenet/trainer.ts';
import { watchForDeath } from './client.ts';
import type { LenetProgressCallback, LenetState, LenetTrainerApi } from './lenetApi.ts';

export interface LenetTrainerClient extends LenetTrainerApi {
  /**
   * With `transferData`, the data's typed arrays move to the worker instead of being copied (their
   * buffers become unusable here): the way to hand over 60,000 images without holding them twice.
   */
  configure(config: Partial<LenetRunConfig>, data?: LenetData, transferData?: boolean): Promise<LenetState>;
  /** With `transferBytes`, the files' buffers move to the worker (unusable here afterwards). */
  loadData(
    bytes: FashionMnistBytes,
    transferBytes?: boolean,
  ): Promise<{ trainCount: number; testCount: number }>;
  /** Rejects with TrainerWorkerDied when the worker dies; never resolves otherwise. */
  readonly died: Promise<never>;
}

/** `remote` is comlink's `wrap<LenetTrainerApi>(endpoint)`; call `reportDeath` from the host's handlers. */
export function createLenetTrainerClient(remote: Remote<LenetTrainerApi>): {
  client: LenetTrainerClient;
  reportDeath: (reason: string) => void;
} {
  const { died, guard, reportDeath } = watchForDeath('lenet worker');
  const wrapProgress = (callback?: LenetProgressCallback) =>
    callback === undefined ? undefined : proxy(callback);
  // comlink's Remote types a proxied callback parameter differently from the plain one; the calls are the same.
  const api = remote as unknown as LenetTrainerApi;
  const client: LenetTrainerClient = {
    died,
    configure: (config, data, transferData = false) =>
      guard(() => {
        if (data === undefined || !transferData) return api.configure(config, data);
        const owned = withOwnBuffers(data);
        return api.configure(config, transfer(owned, buffersOf(owned)));
      }),
    loadData: (bytes, transferBytes = false) =>
      guard(() => {
        if (!transferBytes) return api.loadData(bytes);
        const owned = Object.fromEntries(
          Object.entries(bytes).map(([file, b]) => [file, spansItsBuffer(b) ? b : b.slice()]),
        ) as FashionMnistBytes;
        const buffers = [...new Set(Object.values(owned).map((b) => b.buffer as ArrayBuffer))];
        return api.loadData(transfer(owned, buffers));
      }),
    run: (onProgress) => guard(() => api.run(wrapProgress(onProgress))),
    pause: () => guard(() => api.pause()),
    resume: (onProgress) => guard(() => api.resume(wrapProgress(onProgress))),
    stop: () => guard(() => api.stop()),
    reset: () => guard(() => api.reset()),
    getState: () => guard(() => api.getState()),
    model: () => guard(() => api.model()),
    evaluate: (options) => guard(() => api.evaluate(options)),
    predict: (image) => guard(() => api.predict(image)),
    load: (model) => guard(() => api.load(model)),
    modelFile: (app) => guard(() => api.modelFile(app)),
    readModelFile: (text) => guard(() => api.readModelFile(text)),
  };
  return { client, reportDeath };
}

/**
 * The data with every array alone in its buffer, copying those that are not: a view into a larger
 * buffer (Node's Buffer.slice returns one, and small Buffers share a pool) must not be transferred,
 * which would detach whatever else lives in that buffer.
 */
function withOwnBuffers(data: LenetData): LenetData {
  const set = (s: LenetData['train']) => ({
    count: s.count,
    images: spansItsBuffer(s.images) ? s.images : new Float32Array(s.images),
    labels: spansItsBuffer(s.labels) ? s.labels : new Uint8Array(s.labels),
  });
  return { train: set(data.train), test: set(data.test) };
}

function spansItsBuffer(array: ArrayBufferView): boolean {
  return array.byteOffset === 0 && array.byteLength === array.buffer.byteLength;
}

function buffersOf(data: LenetData): ArrayBuffer[] {
  const arrays = [data.train.images, data.train.labels, data.test.images, data.test.labels];
  return [...new Set(arrays.map((array) => array.buffer as ArrayBuffer))];
}
