// The training state against the real trainer (in-process) and against scripted fakes for the
// cases a real run cannot stage on demand: superseded results, divergence, a dead worker.
import { describe, expect, it } from 'vitest';
import { notebookExperiment } from '../../../core/src/train/experiment.ts';
import { TrainerService } from '../../../core/src/worker/service.ts';
import { Trainer } from '../../../core/src/train/trainer.ts';
import type { RunResult, TrainerState } from '../../../core/src/worker/api.ts';
import { Lab } from '../../../renderer/src/state/Lab.svelte.ts';
import { Training } from '../../../renderer/src/state/Training.svelte.ts';
import { labExperiment, defaultSettings } from '../../../renderer/src/lab/labExperiment.ts';
import { trainingSummary } from '../../../renderer/src/lib/format.ts';
import { inProcessClient, scriptedClient, trainerState } from '../fakes/clients.ts';

const weight = (data: number[]) => ({ shape: [1, 1, 1, data.length], data: Float32Array.from(data) });

describe('Training', () => {
  it("opens on the notebook's experiment: the same input, kernel, loss, optimiser, seed and epochs", () => {
    expect(labExperiment(new Lab(), defaultSettings(), null)).toEqual(notebookExperiment());
  });

  it('trains in the trainer and ends with the weights, history and summary the trainer itself gives', async () => {
    const training = new Training(inProcessClient(), new Lab());
    await training.train();
    const reference = new TrainerService();
    await reference.configure(notebookExperiment());
    const { state } = await reference.run(10);
    expect(training.status).toBe('finished');
    expect(Array.from(training.learned!.data)).toEqual(Array.from(state.weight!.data));
    expect(training.lossHistory).toEqual(state.lossHistory);
    expect(training.summary).toBe(trainingSummary(state.weight!.data, 10, state.loss!));
  });

  it('Step says which epoch of the run it ran; Train after Step finishes that run', async () => {
    const training = new Training(inProcessClient(), new Lab());
    await training.step();
    await training.step();
    expect([training.epoch, training.totalEpochs, training.status]).toEqual([2, 10, 'paused']);
    await training.train();
    expect([training.epoch, training.status]).toEqual([10, 'finished']);
    expect(training.lossHistory).toHaveLength(10);
  });

  it('Train after a finished run starts it again from its start; Continue adds the Epochs field to it', async () => {
    const training = new Training(inProcessClient(), new Lab());
    await training.train();
    const first = [...training.lossHistory];
    await training.train();
    expect(training.epoch).toBe(10);
    expect(training.lossHistory).toEqual(first);
    await training.continueRun();
    expect(training.epoch).toBe(20);
    expect(training.lossHistory.slice(0, 10)).toEqual(first);
    const reference = new TrainerService();
    await reference.configure(notebookExperiment());
    expect(training.lossHistory).toEqual((await reference.run(20)).state.lossHistory);
  });

  it('Reset goes back to the initial weights and forgets the record', async () => {
    const training = new Training(inProcessClient(), new Lab());
    await training.reset();
    const initial = Array.from(training.learned!.data);
    await training.train();
    await training.reset();
    expect(training.epoch).toBe(0);
    expect(training.lossHistory).toEqual([]);
    expect(training.recordedEpochs).toEqual([0]);
    expect(Array.from(training.learned!.data)).toEqual(initial);
  });

  it("the Epoch slider: weightsAtEpoch, the loss and the prediction at any recorded epoch are the core trainer's", async () => {
    const training = new Training(inProcessClient(), new Lab());
    await training.train();
    expect(training.recordedEpochs).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const trainer = new Trainer(notebookExperiment());
    expect(Array.from(training.weightsAtEpoch(0)!)).toEqual(Array.from(trainer.weight));
    trainer.step();
    trainer.step();
    training.viewEpoch(2);
    expect(training.viewedEpoch).toBe(2);
    const shown = training.shown;
    expect(Array.from(training.weightsAtEpoch(2)!)).toEqual(Array.from(trainer.weight));
    expect(Array.from(shown.weights!.data)).toEqual(Array.from(trainer.weight));
    expect(shown.loss).toBe(trainer.lossHistory[1]);
    expect(Array.from(shown.gradient!.data)).toEqual(Array.from(trainer.weightGrad));
    const prediction = trainer.predict().data;
    const target = trainer.targetValues();
    expect(Array.from(shown.prediction!.prediction.data)).toEqual(Array.from(prediction));
    expect(Array.from(shown.prediction!.error.data)).toEqual(
      Array.from(prediction, (v, i) => Math.fround(v - target[i])),
    );
    // Past the newest epoch the slider follows the run again.
    training.viewEpoch(10);
    expect(training.viewedEpoch).toBe(10);
  });

  it('results go stale when the input changes after a run, and are fresh again after Train', async () => {
    const lab = new Lab();
    const training = new Training(inProcessClient(), lab);
    await training.train();
    expect(training.stale).toBe(false);
    lab.input = { ...lab.input, data: lab.input.data.map((v, i) => (i === 0 ? 1 - v : v)) };
    expect(training.stale).toBe(true);
    await training.train();
    expect(training.stale).toBe(false);
  });

  it('a restored run continues in the worker from its saved weights and history (Continue), as an unbroken run', async () => {
    const first = new Training(inProcessClient(), new Lab());
    await first.train();
    const saved = first.results()!;
    const training = new Training(inProcessClient(), new Lab());
    training.restore(saved);
    expect(training.recordedEpochs).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    await training.continueRun();
    expect(training.epoch).toBe(20);
    const reference = new TrainerService();
    await reference.configure(notebookExperiment());
    const { state } = await reference.run(20);
    expect(training.lossHistory).toEqual(state.lossHistory);
    expect(Array.from(training.learned!.data)).toEqual(Array.from(state.weight!.data));
  });

  it('ignores the result of a run that a Reset superseded', async () => {
    let finishRun: (r: RunResult) => void = () => {};
    const initial = trainerState({ weight: weight([0.5, 0.5]) });
    const training = new Training(
      scriptedClient({
        configure: async () => initial,
        run: () => new Promise<RunResult>((resolve) => (finishRun = resolve)),
        stop: async () => initial,
      }),
      new Lab(),
    );
    const run = training.train();
    await new Promise((r) => setTimeout(r, 0));
    await training.reset();
    finishRun({
      type: 'finished',
      state: trainerState({ status: 'finished', epoch: 10, weight: weight([9, 9]) }),
    });
    await run;
    expect(Array.from(training.learned!.data)).toEqual([0.5, 0.5]);
    expect(training.summary).toBeNull();
  });

  it("shows the trainer's divergence reason and keeps the weights it reports (the last good ones)", async () => {
    const lastGood: TrainerState = trainerState({
      status: 'diverged',
      epoch: 36,
      targetEpoch: 50,
      loss: 1e30,
      weight: weight([3, -2]),
    });
    const reason = 'loss became Infinity at epoch 37: learning rate 5 is too high';
    const training = new Training(
      scriptedClient({
        configure: async () => trainerState({ weight: weight([0.1, 0.2]) }),
        run: async () => ({ type: 'diverged', reason, state: lastGood }),
      }),
      new Lab(),
    );
    await training.train();
    expect(training.divergence).toBe(reason);
    expect(Array.from(training.learned!.data)).toEqual([3, -2]);
    expect(training.status).toBe('diverged');
  });

  it('shows a message when the worker dies, and configures a fresh one on the next run', async () => {
    const client = inProcessClient();
    const training = new Training(client, new Lab());
    await training.train();
    client.crash('The trainer stopped unexpectedly (boom); a new one starts with the next run.');
    expect(training.error).toContain('The trainer stopped unexpectedly');
    await training.train();
    expect(training.error).toBeNull();
    expect(training.status).toBe('finished');
  });

  it('shows a configure error (here a kernel larger than the target) instead of throwing', async () => {
    const training = new Training(inProcessClient(), new Lab());
    training.settings.kernelSize = [7, 7];
    await training.train();
    expect(training.error).toMatch(/\S/);
    expect(training.running).toBe(false);
  });
});

describe('Training status while a run goes', () => {
  it('is running (Pause enabled) from Train until the run ends, also right after configuring', async () => {
    let finishRun: (r: RunResult) => void = () => {};
    const training = new Training(
      scriptedClient({
        configure: async () => trainerState({ weight: weight([0.5, 0.5]) }),
        run: () => new Promise<RunResult>((resolve) => (finishRun = resolve)),
      }),
      new Lab(),
    );
    const run = training.train();
    await new Promise((r) => setTimeout(r, 0));
    expect(training.status).toBe('running');
    expect(training.running).toBe(true);
    finishRun({
      type: 'finished',
      state: trainerState({ status: 'finished', epoch: 10, weight: weight([1, -1]) }),
    });
    await run;
    expect(training.status).toBe('finished');
  });
});
