// The trainer worker in a real Node worker thread (core/node/trainerWorkerBootstrap.mjs loads the
// same module the browser runs), talking through comlink's node adapter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTrainerWorker, type NodeTrainerWorker } from '../../../core/node/trainerWorker.ts';
import { notebookExperiment, type Experiment } from '../../../core/src/train/experiment.ts';
import type { Progress, RunResult } from '../../../core/src/worker/api.ts';
import { TrainerWorkerDied } from '../../../core/src/worker/client.ts';
import { PROGRESS_INTERVAL_MS } from '../../../core/src/worker/runControl.ts';
import { TrainerService } from '../../../core/src/worker/service.ts';
import { LIMITS } from '../../../core/src/limits.ts';

/** A 64 x 64 input (a smooth deterministic pattern) and a 3x3 Sobel target: about 0.1 ms per epoch. */
function largerExperiment(epochs: number): Experiment {
  const size = 64;
  const data = Array.from(
    { length: size * size },
    (_, i) => Math.sin(i % size) * Math.cos(Math.floor(i / size) / 3),
  );
  const base = notebookExperiment();
  return {
    ...base,
    input: { channels: 1, height: size, width: size, data },
    target: {
      kind: 'kernel',
      kernel: { shape: [1, 1, 3, 3], data: [1, 0, -1, 2, 0, -2, 1, 0, -1] },
      bias: null,
    },
    layer: { ...base.layer, kernelSize: [3, 3], padding: [1, 1] },
    init: { kind: 'seed', seed: 7 },
    loss: 'mse',
    optimizer: { kind: 'sgd', lr: 0.05 },
    epochs,
  };
}

const sameBits = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

let trainer: NodeTrainerWorker;
beforeAll(() => {
  trainer = startTrainerWorker();
});
afterAll(async () => {
  await trainer.terminate();
});

describe('trainer worker in a worker thread', () => {
  it('notebook, 10 epochs: the same loss history as the in-process service, bit for bit', async () => {
    await trainer.client.configure(notebookExperiment());
    const remote = await trainer.client.run(10);
    const local = new TrainerService();
    await local.configure(notebookExperiment());
    const inProcess = await local.run(10);
    expect(remote.type).toBe('finished');
    expect(remote.state.lossHistory).toHaveLength(10);
    expect(sameBits(remote.state.lossHistory, inProcess.state.lossHistory)).toBe(true);
    expect(Array.from(remote.state.weight?.data ?? [])).toEqual(
      Array.from(inProcess.state.weight?.data ?? []),
    );
  });

  it('notebook, 5,000 epochs: progress coalesced to <= 1 message per 17 ms of wall time (+2), the final one at epoch 5,000', async () => {
    await trainer.client.configure(notebookExperiment());
    const messages: Progress[] = [];
    const started = performance.now();
    const result = await trainer.client.run(5000, (p) => messages.push(p));
    const elapsed = performance.now() - started;
    expect(result.type).toBe('finished');
    // The final message is posted before the run resolves; give the callback channel a moment.
    await new Promise((r) => setTimeout(r, 20));
    expect(messages.at(-1)?.epoch).toBe(5000);
    expect(messages.length).toBeLessThanOrEqual(Math.ceil(elapsed / PROGRESS_INTERVAL_MS) + 2);
    expect(messages.flatMap((m) => m.records.losses)).toEqual(result.state.lossHistory);
  });

  it('64x64 input, 3x3 kernel, a ~1 s run: at most ~60 progress messages per second', async () => {
    await trainer.client.configure(largerExperiment(1_000_000));
    const messages: Progress[] = [];
    const started = performance.now();
    const running = trainer.client.run(undefined, (p) => messages.push(p));
    await new Promise((r) => setTimeout(r, 1000));
    await trainer.client.stop();
    const result = await running;
    const elapsed = performance.now() - started;
    await new Promise((r) => setTimeout(r, 20));
    expect(result.type).toBe('stopped');
    expect(result.state.epoch).toBeGreaterThan(100);
    expect(messages.length).toBeGreaterThan(10);
    expect(messages.length).toBeLessThanOrEqual(Math.ceil(elapsed / PROGRESS_INTERVAL_MS) + 2);
    expect(messages.at(-1)?.epoch).toBe(result.state.epoch);
  });

  it('pause and stop are acknowledged within 50 ms of the call; resume continues where pause left off', async () => {
    await trainer.client.configure(largerExperiment(LIMITS.epochs.max));
    const first = trainer.client.run();
    await new Promise((r) => setTimeout(r, 200));
    let t0 = performance.now();
    const paused = await trainer.client.pause();
    const pauseLatency = performance.now() - t0;
    const firstResult: RunResult = await first;
    expect(firstResult.type).toBe('paused');
    expect(paused.status).toBe('paused');
    const pausedAt = paused.epoch;
    // Nothing trains while paused.
    await new Promise((r) => setTimeout(r, 50));
    expect((await trainer.client.getState()).epoch).toBe(pausedAt);

    const second = trainer.client.resume();
    await new Promise((r) => setTimeout(r, 200));
    t0 = performance.now();
    const stopped = await trainer.client.stop();
    const stopLatency = performance.now() - t0;
    const secondResult = await second;
    expect(secondResult.type).toBe('stopped');
    expect(stopped.epoch).toBeGreaterThan(pausedAt);
    expect(stopped.lossHistory).toHaveLength(stopped.epoch);
    console.info(`pause latency ${pauseLatency.toFixed(1)} ms, stop latency ${stopLatency.toFixed(1)} ms`);
    expect(pauseLatency).toBeLessThan(50);
    expect(stopLatency).toBeLessThan(50);
  });

  it('lr=5 on the notebook diverges with the reason and finite weights', async () => {
    await trainer.client.configure({
      ...notebookExperiment(),
      optimizer: { kind: 'sgd', lr: 5 },
      epochs: 100,
    });
    const result = await trainer.client.run();
    expect(result.type).toBe('diverged');
    if (result.type !== 'diverged') return;
    expect(result.reason).toMatch(
      /^loss reached .* at epoch 3, .*: learning rate 5 is too high; kept the weights/,
    );
    expect(result.state.divergence).toBe(result.reason);
    expect(Array.from(result.state.weight?.data ?? []).every(Number.isFinite)).toBe(true);
  });

  it('an invalid experiment rejects with the validation message across the thread', async () => {
    await expect(trainer.client.configure({ ...notebookExperiment(), epochs: -1 })).rejects.toThrow(
      /^experiment: epochs/,
    );
  });

  it('killing the worker mid-run rejects the pending call with TrainerWorkerDied; a new worker works', async () => {
    const doomed = startTrainerWorker();
    await doomed.client.configure(largerExperiment(LIMITS.epochs.max));
    const pending = doomed.client.run();
    await new Promise((r) => setTimeout(r, 100));
    await doomed.worker.terminate();
    await expect(pending).rejects.toBeInstanceOf(TrainerWorkerDied);
    await expect(pending).rejects.toThrow('trainer worker died: exited with code 1; start a new one');
    await expect(doomed.client.getState()).rejects.toBeInstanceOf(TrainerWorkerDied);

    const fresh = startTrainerWorker();
    try {
      await fresh.client.configure(notebookExperiment());
      expect((await fresh.client.run(10)).state.epoch).toBe(10);
    } finally {
      await fresh.terminate();
    }
  });
});
