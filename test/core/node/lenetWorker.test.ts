// The LeNet trainer service in a real Node worker thread (core/node/trainerWorkerBootstrap.mjs with
// workerData { service: 'lenet' } loads the module the browser runs), talking through comlink.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLenetWorker, type NodeLenetWorker } from '../../../core/node/lenetWorker.ts';
import type { LenetRunConfig } from '../../../core/src/lenet/config.ts';
import { TrainerWorkerDied } from '../../../core/src/worker/client.ts';
import type { LenetProgress } from '../../../core/src/worker/lenetApi.ts';
import { LenetTrainerService } from '../../../core/src/worker/lenetService.ts';
import { PROGRESS_INTERVAL_MS } from '../../../core/src/worker/runControl.ts';
import { lenetData } from '../lenet/fixtures.ts';

/** A short run, kept small so the worker tests stay quick: 2 epochs of 6 batches, 100 test images. */
const SMALL: Partial<LenetRunConfig> = { epochs: 2, batchSize: 20, trainSize: 120, seed: 11 };

const withoutSpeed = (history: Array<{ epoch: number; loss: number; trainAcc: number; testAcc: number }>) =>
  history.map(({ epoch, loss, trainAcc, testAcc }) => ({ epoch, loss, trainAcc, testAcc }));

async function inProcess(config: Partial<LenetRunConfig>) {
  const service = new LenetTrainerService();
  await service.configure(config, lenetData(100));
  const result = await service.run();
  return { result, model: await service.model(), service };
}

let lenet: NodeLenetWorker;
beforeAll(() => {
  lenet = startLenetWorker();
});
afterAll(async () => {
  await lenet.terminate();
});

describe('LeNet worker in a worker thread', () => {
  it('seed 11, 2 epochs: the same history and weights as the in-process service, bit for bit', async () => {
    await lenet.client.configure(SMALL, lenetData(100));
    const remote = await lenet.client.run();
    const local = await inProcess(SMALL);
    expect(remote.type).toBe('finished');
    expect(remote.state.history).toHaveLength(2);
    expect(withoutSpeed(remote.state.history)).toEqual(withoutSpeed(local.result.state.history));
    const model = await lenet.client.model();
    expect(model.stateDict).toEqual(local.model.stateDict);
    expect(model.training).toEqual({ ...local.model.training, trainSize: 120 });
  });

  it('evaluate and predict in the worker give what the in-process service gives', async () => {
    const local = await inProcess(SMALL);
    const { test } = lenetData(100);
    expect(await lenet.client.evaluate({ mistakes: 3 })).toEqual(
      await local.service.evaluate({ mistakes: 3 }),
    );
    const image = test.images.slice(0, 784);
    const remote = await lenet.client.predict(image);
    expect(remote).toEqual(await local.service.predict(image));
  });

  it('progress: coalesced (at most one per 17 ms, plus one per epoch and the last), every epoch record once, in order', async () => {
    await lenet.client.configure({ ...SMALL, batchSize: 4 }, lenetData(100));
    const messages: LenetProgress[] = [];
    const started = performance.now();
    const result = await lenet.client.run((p) => messages.push(p));
    const elapsed = performance.now() - started;
    await new Promise((r) => setTimeout(r, 20));
    expect(result.type).toBe('finished');
    expect(messages.length).toBeLessThanOrEqual(Math.ceil(elapsed / PROGRESS_INTERVAL_MS) + 2 + 2);
    expect(messages.length).toBeGreaterThan(2);
    expect(messages.flatMap((m) => m.history.records)).toEqual(result.state.history);
    for (const m of messages)
      if (m.history.records.length > 0) expect(m.history.fromEpoch).toBe(m.history.records[0].epoch);
    const last = messages.at(-1) as LenetProgress;
    expect(last).toMatchObject({ epoch: 2, totalEpochs: 2, fraction: 1 });
    // The kernels travel with the progress, as they are after the last batch.
    const model = await lenet.client.model();
    expect(last.conv1Weight).toEqual(model.stateDict['0.weight']);
    expect(last.conv2Weight).toEqual(model.stateDict['3.weight']);
    expect(messages[0].conv1Weight.data).not.toEqual(last.conv1Weight.data);
    const training = messages.filter((m) => m.phase === 'train' && m.batch > 0);
    expect(training.length).toBeGreaterThan(0);
    for (const m of training) {
      expect(m.batches).toBe(30);
      expect(m.examplesPerSec).toBeGreaterThan(0);
      expect(Number.isFinite(m.loss)).toBe(true);
    }
  });

  it('pause halts between batches, resume finishes with the same weights as an uninterrupted run', async () => {
    await lenet.client.configure(SMALL, lenetData(100));
    let first: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (first = resolve));
    const running = lenet.client.run(() => first());
    await started;
    const paused = await lenet.client.pause();
    expect(paused.status).toBe('paused');
    expect((await running).type).toBe('paused');
    // Nothing moves while paused.
    await new Promise((r) => setTimeout(r, 50));
    expect((await lenet.client.getState()).position).toEqual(paused.position);
    expect(paused.epoch * 6 + (paused.position?.batch ?? 0)).toBeLessThan(12);
    const resumed = await lenet.client.resume();
    expect(resumed.type).toBe('finished');
    const local = await inProcess(SMALL);
    expect((await lenet.client.model()).stateDict).toEqual(local.model.stateDict);
  });

  it('stop ends a long run early and keeps the weights; run again is refused until reset', async () => {
    await lenet.client.configure({ ...SMALL, epochs: 500 }, lenetData(100));
    let first: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (first = resolve));
    const running = lenet.client.run(() => first());
    await started;
    const stopped = await lenet.client.stop();
    const result = await running;
    expect(result.type).toBe('stopped');
    expect(stopped.status).toBe('stopped');
    expect(stopped.epoch).toBeLessThan(500);
    const reset = await lenet.client.reset();
    expect(reset).toMatchObject({ status: 'idle', epoch: 0, history: [] });
  });

  it('configure with transferData moves the images to the worker (the caller’s arrays are emptied)', async () => {
    // Copies: transferring detaches these arrays, and the fixture's are shared by the other tests.
    const shared = lenetData(100);
    const copy = (set: typeof shared.train) => ({
      count: set.count,
      images: new Float32Array(set.images),
      labels: new Uint8Array(set.labels),
    });
    const data = { train: copy(shared.train), test: copy(shared.test) };
    const state = await lenet.client.configure(SMALL, data, true);
    expect(state).toMatchObject({ status: 'idle', trainCount: 120, testCount: 100 });
    expect(data.train.images.length).toBe(0);
    expect(data.test.labels.length).toBe(0);
    expect((await lenet.client.run()).type).toBe('finished');
  });

  it('configure with transferData copies an array that is a view into a larger buffer instead of detaching that buffer', async () => {
    const shared = lenetData(100);
    // As Node's Buffer.slice gives: the labels are a window into a buffer that holds more.
    const file = new Uint8Array(8 + shared.test.count);
    file.set(shared.test.labels, 8);
    const test = { ...shared.test, images: new Float32Array(shared.test.images), labels: file.subarray(8) };
    const train = {
      ...shared.train,
      images: new Float32Array(shared.train.images),
      labels: new Uint8Array(shared.train.labels),
    };
    await lenet.client.configure(SMALL, { train, test }, true);
    expect(file.length).toBe(8 + shared.test.count);
    expect(Array.from(test.labels)).toEqual(Array.from(shared.test.labels));
    expect(train.images.length).toBe(0);
  });

  it('rejects with one line naming the operation: bad settings, run before configure', async () => {
    const fresh = startLenetWorker();
    try {
      await expect(fresh.client.run()).rejects.toThrow('lenet.run: nothing configured; call configure first');
      await expect(fresh.client.configure({ batchSize: 0 }, lenetData(10))).rejects.toThrow(
        'lenet config: batchSize must be at least 1, got 0',
      );
    } finally {
      await fresh.terminate();
    }
  });

  it('killing the worker mid-run rejects the pending run with TrainerWorkerDied', async () => {
    const doomed = startLenetWorker();
    await doomed.client.configure({ ...SMALL, epochs: 500 }, lenetData(100));
    const pending = doomed.client.run();
    await new Promise((r) => setTimeout(r, 100));
    await doomed.terminate();
    await expect(pending).rejects.toBeInstanceOf(TrainerWorkerDied);
    await expect(doomed.client.getState()).rejects.toThrow('lenet worker died');
  });
});
