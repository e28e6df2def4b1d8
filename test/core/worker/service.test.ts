// The service in-process: the state machine and its errors. The worker-thread test runs the same
// service across a real thread.
import { describe, expect, it } from 'vitest';
import { notebookExperiment } from '../../../core/src/train/experiment.ts';
import type { Progress } from '../../../core/src/worker/api.ts';
import { TrainerService, unconfiguredState } from '../../../core/src/worker/service.ts';
import { LIMITS, overLimit } from '../../../core/src/limits.ts';
import { Trainer } from '../../../core/src/train/trainer.ts';
import { watchPaceMs } from '../../../core/src/worker/pace.ts';

async function configured(): Promise<TrainerService> {
  const service = new TrainerService();
  await service.configure(notebookExperiment());
  return service;
}

describe('TrainerService in-process', () => {
  it('starts unconfigured with an empty state', async () => {
    const state = await new TrainerService().getState();
    expect(state).toEqual(unconfiguredState());
    expect(state).toMatchObject({ status: 'unconfigured', epoch: 0, weight: null, lossHistory: [] });
  });

  it('run(10) on the notebook: finished at epoch 10; the progress deltas add up to the loss history', async () => {
    const service = await configured();
    const messages: Progress[] = [];
    const result = await service.run(undefined, (p) => messages.push(p));
    expect(result.type).toBe('finished');
    expect(result.state.epoch).toBe(10);
    expect(result.state.status).toBe('finished');
    const joined = messages.flatMap((m) => m.records.losses);
    expect(joined).toEqual(result.state.lossHistory);
    expect(messages.at(-1)?.epoch).toBe(10);
    expect(messages.at(-1)?.totalEpochs).toBe(10);
    // Deltas are contiguous: each starts where the previous one ended (the first replaces: a new run).
    let next = 1;
    for (const [i, m] of messages.entries()) {
      expect(m.records.replace).toBe(i === 0);
      expect(m.records.epochs[0]).toBe(next);
      next += m.records.epochs.length;
    }
  });

  it('records every epoch: the weights after its update, its gradient and its loss, as the trainer computes them', async () => {
    const service = await configured();
    const { state } = await service.run(10);
    const trainer = new Trainer(notebookExperiment());
    expect(Array.from(state.startWeight!)).toEqual(Array.from(trainer.weight));
    expect(state.history.epochs).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (let epoch = 1; epoch <= 10; epoch++) {
      trainer.step();
      const at = (epoch - 1) * 2;
      expect(state.history.losses[epoch - 1]).toBe(trainer.lossHistory[epoch - 1]);
      expect(Array.from(state.history.weights.slice(at, at + 2))).toEqual(Array.from(trainer.weight));
      expect(Array.from(state.history.gradients.slice(at, at + 2))).toEqual(Array.from(trainer.weightGrad));
    }
  });

  it('watch speed: one progress message per epoch, paced (10 epochs take over a second); Fast takes over mid-run at once', async () => {
    const service = await configured();
    await service.setSpeed('watch');
    const epochs: number[] = [];
    const started = performance.now();
    const result = await service.run(10, (p) => epochs.push(p.epoch));
    const elapsed = performance.now() - started;
    expect(result.type).toBe('finished');
    expect(epochs).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(elapsed).toBeGreaterThan(9 * watchPaceMs(10) - 50);

    await service.reset();
    const running = service.run(10);
    await new Promise((r) => setTimeout(r, 50));
    const switched = performance.now();
    await service.setSpeed('fast');
    expect((await running).state.epoch).toBe(10);
    expect(performance.now() - switched).toBeLessThan(watchPaceMs(10));
  });

  it('watch speed: pause acts at once (not after the pace), and the paused run resumes to its target', async () => {
    const service = await configured();
    await service.setSpeed('watch');
    const running = service.run(10);
    await new Promise((r) => setTimeout(r, 50));
    const asked = performance.now();
    const paused = await service.pause();
    expect(performance.now() - asked).toBeLessThan(watchPaceMs(10) / 2);
    expect((await running).type).toBe('paused');
    expect(paused.epoch).toBeLessThan(10);
    await service.setSpeed('fast');
    expect((await service.resume()).state.epoch).toBe(10);
  });

  it('throws when setSpeed gets an unknown speed', async () => {
    await expect(new TrainerService().setSpeed('slow' as 'fast')).rejects.toThrow(
      'trainer.setSpeed: speed must be watch or fast, got slow',
    );
  });

  it('configure with a saved run continues it: the same weights and losses as an unbroken run; Reset goes to the start', async () => {
    const unbroken = await configured();
    const twenty = (await unbroken.run(20)).state;
    const first = await configured();
    const ten = (await first.run(10)).state;
    const resumed = new TrainerService();
    const state = await resumed.configure(notebookExperiment(), {
      weight: ten.weight!,
      weightGrad: ten.weightGrad,
      epoch: 10,
      lossHistory: ten.lossHistory,
    });
    expect(state.epoch).toBe(10);
    expect(state.history.epochs).toEqual(ten.history.epochs);
    const continued = (await resumed.run(10)).state;
    expect(continued.epoch).toBe(20);
    // Plain SGD keeps no state between epochs, so a continued run is the unbroken one bit for bit.
    expect(continued.lossHistory).toEqual(twenty.lossHistory);
    expect(Array.from(continued.weight!.data)).toEqual(Array.from(twenty.weight!.data));
    expect(continued.history.losses).toEqual(twenty.history.losses);
    const reset = await resumed.reset();
    expect(reset.epoch).toBe(0);
    expect(Array.from(reset.weight!.data)).toEqual(Array.from(twenty.startWeight!));
  });

  it('step: one epoch at a time gives the same history as run', async () => {
    const stepped = await configured();
    const losses: number[] = [];
    for (let i = 0; i < 10; i++) losses.push((await stepped.step()).loss);
    const ran = await (await configured()).run(10);
    expect(losses).toEqual(ran.state.lossHistory);
    expect((await stepped.getState()).status).toBe('finished');
  });

  it("step: a fresh run's steps count towards the experiment's epochs, paused between; resume finishes it", async () => {
    const service = await configured();
    const progress = await service.step();
    expect(progress).toMatchObject({ epoch: 1, totalEpochs: 10 });
    expect((await service.getState()).status).toBe('paused');
    await service.step();
    const result = await service.resume();
    expect(result.type).toBe('finished');
    expect(result.state.epoch).toBe(10);
    // A step after the end adds that one epoch.
    expect(await service.step()).toMatchObject({ epoch: 11, totalEpochs: 11 });
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
