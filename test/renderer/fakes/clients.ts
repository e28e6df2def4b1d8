// Trainer clients for jsdom, which has no Worker: the real TrainerService in-process, or a scripted
// fake whose calls the test resolves by hand.
import { TrainerService, unconfiguredState } from '../../../core/src/worker/service.ts';
import type { TrainerApi, TrainerState } from '../../../core/src/worker/api.ts';
import type { TrainerHost } from '../../../renderer/src/worker/trainerClient.ts';
import type { FileFilter, OpenedFile, Platform } from '../../../renderer/src/platform/platform.ts';

/**
 * The real service in-process. It trains at full speed whatever speed is asked unless `paced`: these
 * tests are about results; the watchable pace itself is tested in the core's service test and end to end.
 */
export function inProcessClient({ paced = false }: { paced?: boolean } = {}): TrainerHost & {
  crash: (message: string) => void;
  service: TrainerService;
} {
  const service = new TrainerService();
  if (!paced) service.setSpeed = async () => {};
  let onCrash: (message: string) => void = () => {};
  return {
    api: () => service,
    onCrash: (listener) => (onCrash = listener),
    dispose: () => {},
    crash: (message) => onCrash(message),
    service,
  };
}

/** A client whose `run` the test finishes by hand (setSpeed always answers). */
export function scriptedClient(api: Partial<TrainerApi>): TrainerHost {
  const full = { setSpeed: async () => {}, ...api };
  return {
    api: () => full as TrainerApi,
    onCrash: () => {},
    dispose: () => {},
  };
}

/** A trainer state: the service's empty one, idle, with `over` on top. */
export function trainerState(over: Partial<TrainerState>): TrainerState {
  return { ...unconfiguredState(), status: 'idle', ...over };
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
