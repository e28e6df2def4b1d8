// The LeNet view's collaborators for jsdom (no Worker, no fetch, no canvas): the real trainer service
// in-process behind the real client (so death and recovery go through lenetClient's watch), and a
// small slice of the shipped Fashion-MNIST subset.
import type { Remote } from 'comlink';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import {
  FASHION_MNIST_FILES,
  labelledImagesFromBytes,
  type FashionMnistBytes,
  type FashionMnistFile,
  type LabelledImages,
} from '../../../core/src/data/fashionMnist.ts';
import {
  encodeIdxImages,
  encodeIdxLabels,
  parseIdxImages,
  parseIdxLabels,
} from '../../../core/src/data/idx.ts';
import type { LenetTrainerApi } from '../../../core/src/worker/lenetApi.ts';
import { createLenetTrainerClient, type LenetTrainerClient } from '../../../core/src/worker/lenetClient.ts';
import { LenetTrainerService } from '../../../core/src/worker/lenetService.ts';
import type { LenetWorkerHost } from '../../../renderer/src/lenet/workerHost.ts';

export interface FakeHost extends LenetWorkerHost {
  /** Workers started so far. */
  readonly starts: number;
  /** Kills the current worker as a crash would. */
  crash(reason: string): void;
}

export function inProcessHost(): FakeHost {
  let current: { client: LenetTrainerClient; reportDeath: (reason: string) => void } | null = null;
  let starts = 0;
  return {
    get starts() {
      return starts;
    },
    client() {
      if (current === null) {
        starts++;
        // comlink's proxy() marks a callback and returns it, so the service takes the client's calls as they are.
        current = createLenetTrainerClient(new LenetTrainerService() as unknown as Remote<LenetTrainerApi>);
      }
      return current.client;
    },
    crash(reason) {
      const dead = current;
      current = null;
      dead?.reportDeath(reason);
    },
    dispose() {
      current = null;
    },
  };
}

let shipped: FashionMnistBytes | null = null;

/**
 * The first `train` training and `test` test images of the shipped subset, as the idx files' bytes
 * the view loads (the in-process worker decodes them), and the test set decoded for the assertions.
 */
export function smallData(train = 400, test = 60): { bytes: FashionMnistBytes; test: LabelledImages } {
  // core/node's loader finds the folder from its own file URL, which jsdom's module URLs are not.
  const dir = join(process.cwd(), 'data', 'fashion-mnist-subset');
  const read = (file: FashionMnistFile) =>
    new Uint8Array(gunzipSync(readFileSync(join(dir, `${FASHION_MNIST_FILES[file]}.gz`))));
  shipped ??= {
    trainImages: read('trainImages'),
    trainLabels: read('trainLabels'),
    testImages: read('testImages'),
    testLabels: read('testLabels'),
  };
  const images = (bytes: Uint8Array, count: number) =>
    encodeIdxImages({
      count,
      rows: 28,
      cols: 28,
      pixels: parseIdxImages(bytes).pixels.slice(0, count * 784),
    });
  const labels = (bytes: Uint8Array, count: number) =>
    encodeIdxLabels(parseIdxLabels(bytes).labels.slice(0, count));
  const bytes: FashionMnistBytes = {
    trainImages: images(shipped.trainImages, train),
    trainLabels: labels(shipped.trainLabels, train),
    testImages: images(shipped.testImages, test),
    testLabels: labels(shipped.testLabels, test),
  };
  return { bytes, test: labelledImagesFromBytes(bytes.testImages, bytes.testLabels) };
}

/** jsdom has no 2-D canvas; the view draws nothing there (and jsdom stops logging that it cannot). */
export function withoutCanvas(): void {
  HTMLCanvasElement.prototype.getContext = (() => null) as typeof HTMLCanvasElement.prototype.getContext;
}

/** A Storage whose writes fail, as a full quota does. */
export function fullStorage(): Storage {
  const storage = {
    length: 0,
    clear: () => undefined,
    getItem: () => null,
    key: () => null,
    removeItem: () => undefined,
    setItem: () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    },
  };
  return storage as Storage;
}
