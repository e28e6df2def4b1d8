// Trainer clients for jsdom, which has no Worker: the real TrainerService in-process, or a scripted
// fake whose calls the test resolves by hand.
import { TrainerService } from '../../../core/src/worker/service.ts';
import type { TrainerApi, TrainerState } from '../../../core/src/worker/api.ts';
import type { TrainerClient } from '../../../renderer/src/worker/trainerClient.ts';
import type { FileFilter, OpenedFile, Platform } from '../../../renderer/src/platform/platform.ts';

export function inProcessClient(): TrainerClient & { crash: (message: string) => void } {
  const service = new TrainerService();
  let onCrash: (message: string) => void = () => {};
  return {
    api: () => service,
    onCrash: (listener) => (onCrash = listener),
    dispose: () => {},
    crash: (message) => onCrash(message),
  };
}

/** A client whose `run` the test finishes by hand. */
export function scriptedClient(api: Partial<TrainerApi>): TrainerClient {
  return {
    api: () => api as TrainerApi,
    onCrash: () => {},
    dispose: () => {},
  };
}

export function trainerState(over: Partial<TrainerState>): TrainerState {
  return {
    type: 'state',
    status: 'idle',
    epoch: 0,
    targetEpoch: 0,
    loss: null,
    weight: null,
    bias: null,
    weightGrad: null,
    biasGrad: null,
    lossHistory: [],
    divergence: null,
    ...over,
  };
}

/** A platform that records saved files and opens whatever the test queues. */
export function fakePlatform(): Platform & {
  saved: { name: string; bytes: Uint8Array }[];
  nextOpen: OpenedFile | null;
} {
  const platform = {
    kind: 'browser' as const,
    saved: [] as { name: string; bytes: Uint8Array }[],
    nextOpen: null as OpenedFile | null,
    async saveFile(name: string, bytes: Uint8Array, _filters: FileFilter[]) {
      platform.saved.push({ name, bytes });
      return name;
    },
    async openFile(_filters: FileFilter[]) {
      return platform.nextOpen;
    },
    onMenuCommand: () => () => {},
    onFileOpened: () => () => {},
  };
  return platform;
}
