// The service in-process: the state machine and its errors. The worker-thread test runs the same
// service across a real thread.
import { describe, expect, it } from 'vitest';
import { notebookExperiment } from '../../../core/src/train/experiment.ts';
import type { Progress } from '../../../core/src/worker/api.ts';
import { TrainerService } from '../../../core/src/worker/service.ts';
import { LIMITS, overLimit } from '../../../core/src/limits.ts';

async function configured(): Promise<TrainerService> {
  const service = new TrainerService();
  await service.configure(notebookExperiment());
  return service;
}

describe('TrainerService in-process', () => {
  it('starts unconfigured with an empty state', async () => {
    const state = await new TrainerService().getState();
    expect(state).toMatchObject({ status: 'unconfigured', epoch: 0, weight: null, lossHistory: [] });
  });

  it('run(10) on the notebook: finished at epoch 10; the progress deltas add up to the loss history', async () => {
    const service = await configured();
    const messages: Progress[] = [];
    const result = await service.run(undefined, (p) => messages.push(p));
    expect(result.type).toBe('finished');
    expect(result.state.epoch).toBe(10);
    expect(result.state.status).toBe('finished');
    const joined = messages.flatMap((m) => m.lossHistory.values);
    expect(joined).toEqual(result.state.lossHistory);
    expect(messages.at(-1)?.epoch).toBe(10);
    expect(messages.at(-1)?.totalEpochs).toBe(10);
    // Deltas are contiguous: each starts where the previous one ended.
    let next = 1;
    for (const m of messages) {
      expect(m.lossHistory.fromEpoch).toBe(next);
      next += m.lossHistory.values.length;
    }
  });

  it('step: one epoch at a time gives the same history as run', async () => {
    const stepped = await configured();
    const losses: number[] = [];
    for (let i = 0; i < 10; i++) losses.push((await stepped.step()).loss);
    const ran = await (await configured()).run(10);
    expect(losses).toEqual(ran.state.lossHistory);
    expect((await stepped.getState()).status).toBe('idle');
  });

  it('reset: back to epoch 0 and the initial weights; the next run repeats the history', async () => {
    const service = await configured();
    const initial = (await service.getState()).weight;
    const first = await service.run(10);
    const state = await service.reset();
    expect(state.epoch).toBe(0);
    expect(state.weight).toEqual(initial);
    const second = await service.run(10);
    expect(second.state.lossHistory).toEqual(first.state.lossHistory);
  });

  it('throws when run is called before configure', async () => {
    await expect(new TrainerService().run(1)).rejects.toThrow(
      'trainer.run: no experiment configured; call configure first',
    );
  });
  it('throws when step is called before configure', async () => {
    await expect(new TrainerService().step()).rejects.toThrow('trainer.step: no experiment configured');
  });
  it('throws when configure gets an invalid experiment', async () => {
    await expect(new TrainerService().configure({ ...notebookExperiment(), epochs: -1 })).rejects.toThrow(
      /^experiment: epochs/,
    );
  });
  it('throws when run gets a negative number of epochs', async () => {
    await expect((await configured()).run(-3)).rejects.toThrow(
      'trainer.run: epochs must be a non-negative integer, got -3',
    );
  });
  it('throws when run gets more epochs than LIMITS.epochs (names the limit)', async () => {
    const epochs = LIMITS.epochs.max + 1;
    await expect((await configured()).run(epochs)).rejects.toThrow(
      `trainer.run: ${overLimit('epochs', 'epochs', epochs)}`,
    );
  });
  it('throws when resume is called with nothing paused', async () => {
    await expect((await configured()).resume()).rejects.toThrow(
      'trainer.resume: nothing is paused (status idle)',
    );
  });
  it('throws when run or step is called during a run', async () => {
    const service = await configured();
    const running = service.run(1_000_000);
    await expect(service.run(1)).rejects.toThrow('trainer.run: a run is already in progress');
    await expect(service.step()).rejects.toThrow('trainer.step: a run is in progress; pause it first');
    await service.stop();
    expect((await running).type).toBe('stopped');
  });
  it('throws when run is called after divergence, until reset', async () => {
    const service = new TrainerService();
    await service.configure({ ...notebookExperiment(), optimizer: { kind: 'sgd', lr: 5 }, epochs: 100 });
    const result = await service.run();
    expect(result.type).toBe('diverged');
    await expect(service.run(1)).rejects.toThrow(
      /^trainer\.run: training diverged \(loss reached .* at epoch 3, .*: learning rate 5 is too high; kept the weights of the lowest loss, [\d.]+ at epoch 1\); reset first$/,
    );
    await service.reset();
    expect((await service.getState()).status).toBe('idle');
  });
});
