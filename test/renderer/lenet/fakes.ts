// The LeNet view's collaborators for jsdom (no Worker, no fetch, no canvas): the real trainer service
// in-process behind the real client (so death and recovery go through lenetClient's watch), and a
// small slice of the shipped Fashion-MNIST subset.
import type { Remote } from 'comlink';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import {
  FASHION_MNIST_FILES,
  fashionMnistFromBytes,
  firstExamples,
  type FashionMnist,
  type FashionMnistFile,
} from '../../../core/src/data/fashionMnist.ts';
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

let shipped: FashionMnist | null = null;

/** The first `train` training and `test` test images of the shipped subset. */
export function smallData(train = 400, test = 60): FashionMnist {
  // core/node's loader finds the folder from its own file URL, which jsdom's module URLs are not.
  const dir = join(process.cwd(), 'data', 'fashion-mnist-subset');
  const read = (file: FashionMnistFile) =>
    new Uint8Array(gunzipSync(readFileSync(join(dir, `${FASHION_MNIST_FILES[file]}.gz`))));
  shipped ??= fashionMnistFromBytes({
    trainImages: read('trainImages'),
    trainLabels: read('trainLabels'),
    testImages: read('testImages'),
    testLabels: read('testLabels'),
  });
  return { train: firstExamples(shipped.train, train), test: firstExamples(shipped.test, test) };
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
