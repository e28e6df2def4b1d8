// The LeNet view model with the real trainer service in-process: a short run and what it leaves
// (history, chart series, kernels, evaluation, the stored model), restoring it, refusing bad files,
// bounds on the fields, a full storage, and recovering from a dead worker.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { flushSync } from 'svelte';
import { LIMITS, formatCount } from '../../../core/src/limits.ts';
import { parseLenetModel } from '../../../core/src/formats/lenetModel.ts';
import { LenetLab } from '../../../renderer/src/lenet/LenetLab.svelte.ts';
import { LENET_MODEL_KEY } from '../../../renderer/src/lenet/modelStore.ts';
import { fakePlatform } from '../fakes/clients.ts';
import { fullStorage, inProcessHost, smallData, type FakeHost } from './fakes.ts';

let data: ReturnType<typeof smallData>;
beforeAll(() => {
  data = smallData(200, 40);
});

function makeLab(options: { host?: FakeHost; storage?: Storage | null } = {}) {
  const host = options.host ?? inProcessHost();
  const platform = fakePlatform();
  const lab = new LenetLab({
    host,
    platform,
    storage: options.storage === undefined ? localStorage : options.storage,
    loadData: async () => data.bytes,
  });
  return { lab, host, platform };
}

/** One quick epoch: ReLU, 200 images in batches of 50. */
function quick(lab: LenetLab): void {
  lab.fields = { epochs: '1', lr: '0.1', batchSize: '50', activation: 'relu', trainSize: '200' };
}

/** Shows test image `index` and waits for its prediction. */
async function predictionOf(lab: LenetLab, index: number): Promise<number[]> {
  const before = lab.prediction;
  lab.selectTest(index);
  await vi.waitFor(() => expect(lab.prediction).not.toBe(before));
  return lab.prediction?.probabilities ?? [];
}

async function settle(lab: LenetLab): Promise<void> {
  // Predictions and evaluation arrive a few promise turns after the run resolves.
  for (let i = 0; i < 50 && (lab.evaluating || lab.prediction === null); i++)
    await new Promise((r) => setTimeout(r, 5));
  flushSync();
}

describe('LenetLab', () => {
  it('opens on the seed’s weights: conv1 and conv2 kernels, and a prediction of the first test image', async () => {
    const { lab } = makeLab();
    await lab.open();
    await settle(lab);
    expect(lab.status).toBe('ready');
    expect(lab.conv1?.shape).toEqual([6, 1, 5, 5]);
    expect(lab.conv2?.shape).toEqual([16, 6, 5, 5]);
    expect(lab.source).toEqual({ kind: 'test', index: 0 });
    expect(lab.prediction?.probabilities).toHaveLength(10);
    expect(lab.prediction?.layers.map((l) => l.shape)).toEqual([
      [6, 28, 28],
      [6, 28, 28],
      [6, 14, 14],
      [16, 10, 10],
      [16, 10, 10],
      [16, 5, 5],
      [400],
      [120],
      [120],
      [84],
      [84],
      [10],
    ]);
    // Only the training images the run uses: the fields start at all of them (here 200).
    expect(lab.fields.trainSize).toBe('200');
  });

  it('a run: the kernels change, one epoch in the history and the series, the evaluation and the stored model', async () => {
    const { lab } = makeLab();
    await lab.open();
    const initial = lab.conv1?.data.slice();
    quick(lab);
    await lab.train();
    await settle(lab);
    expect(lab.status).toBe('finished');
    expect(lab.history).toHaveLength(1);
    expect(lab.conv1?.data).not.toEqual(initial);
    expect(lab.series.testAcc).toEqual([{ x: 1, y: lab.history[0].testAcc }]);
    expect(lab.series.loss.at(-1)).toEqual({ x: 1, y: lab.history[0].loss });
    const evaluation = lab.evaluation;
    expect(evaluation?.count).toBe(40);
    expect(evaluation?.confusion.flat().reduce((a, b) => a + b, 0)).toBe(40);
    expect(evaluation?.accuracy).toBeCloseTo(lab.history[0].testAcc, 10);
    expect(lab.notice).toBe(`Finished 1 epoch: test accuracy ${lab.history[0].testAcc.toFixed(3)}.`);
    const stored = parseLenetModel(localStorage.getItem(LENET_MODEL_KEY) as string);
    expect(stored.activation).toBe('relu');
    expect(stored.training?.history).toHaveLength(1);
    expect(lab.storageNote).toBeNull();
  });

  it('a reload restores the stored model: its settings, history and predictions', async () => {
    const first = makeLab();
    await first.lab.open();
    quick(first.lab);
    await first.lab.train();
    await settle(first.lab);
    const expected = await predictionOf(first.lab, 3);

    const second = makeLab();
    await second.lab.open();
    await settle(second.lab);
    expect(second.lab.status).toBe('finished');
    expect(second.lab.fields).toEqual({
      epochs: '1',
      lr: '0.1',
      batchSize: '50',
      activation: 'relu',
      trainSize: '200',
    });
    expect(second.lab.history.map((h) => h.testAcc)).toEqual(first.lab.history.map((h) => h.testAcc));
    expect(second.lab.notice).toMatch(/^Restored the LeNet you trained before \(1 epoch, test accuracy /);
    expect(await predictionOf(second.lab, 3)).toEqual(expected);
  });

  it('Reset goes back to the initial weights and forgets the stored model', async () => {
    const { lab } = makeLab();
    await lab.open();
    const initial = lab.conv1?.data.slice();
    quick(lab);
    await lab.train();
    await settle(lab);
    await lab.reset();
    expect(lab.status).toBe('ready');
    expect(lab.history).toEqual([]);
    expect(lab.evaluation).toBeNull();
    expect(localStorage.getItem(LENET_MODEL_KEY)).toBeNull();
    // Same seed, same activation as the fields: the same initial kernels as a fresh relu network.
    const fresh = makeLab();
    await fresh.lab.open();
    quick(fresh.lab);
    await fresh.lab.reset();
    expect(lab.conv1?.data).toEqual(fresh.lab.conv1?.data);
    expect(initial).toBeDefined();
  });

  it('export writes the model file the core reads; importing it into a fresh lab gives the same predictions', async () => {
    const { lab, platform } = makeLab();
    await lab.open();
    quick(lab);
    await lab.train();
    await settle(lab);
    await lab.exportModel();
    expect(platform.saved.map((s) => s.name)).toEqual(['lenet-model.json']);
    const bytes = platform.saved[0].bytes;
    expect(parseLenetModel(new TextDecoder().decode(bytes)).training?.history).toHaveLength(1);
    const expected = await predictionOf(lab, 5);

    const other = makeLab({ storage: null });
    await other.lab.open();
    other.platform.nextOpen = { name: 'lenet-model.json', bytes };
    await other.lab.importModel();
    await settle(other.lab);
    expect(other.lab.error).toBeNull();
    expect(other.lab.notice).toMatch(/^Imported lenet-model\.json \(1 epoch, /);
    expect(other.lab.fields.activation).toBe('relu');
    expect(await predictionOf(other.lab, 5)).toEqual(expected);
    // No storage in that window: it says so instead of failing.
    expect(other.lab.storageNote).toBe(
      'The trained LeNet could not be kept: this window has no local storage.',
    );
  });

  it('a refused file says why in one line and changes nothing', async () => {
    const { lab, platform } = makeLab();
    await lab.open();
    await settle(lab);
    const before = { fields: { ...lab.fields }, prediction: lab.prediction, conv1: lab.conv1 };
    const model = JSON.parse(
      new TextDecoder().decode(
        await (async () => {
          const source = makeLab({ storage: null });
          await source.lab.open();
          await source.lab.exportModel();
          return source.platform.saved[0].bytes;
        })(),
      ),
    );
    model.stateDict['0.bias'].data.pop();
    platform.nextOpen = { name: 'broken.json', bytes: new TextEncoder().encode(JSON.stringify(model)) };
    await lab.importModel();
    expect(lab.error).toBe(
      'Import model: lenet model: stateDict["0.bias"].data must hold 6 values (6) in row-major order, got an array of 5',
    );
    expect(lab.error?.includes('\n')).toBe(false);
    platform.nextOpen = { name: 'text.json', bytes: new TextEncoder().encode('not json') };
    await lab.importModel();
    expect(lab.error).toMatch(/^Import model: lenet model: /);
    lab.selectTest(0);
    await settle(lab);
    expect(lab.fields).toEqual(before.fields);
    expect(lab.conv1).toBe(before.conv1);
    expect(lab.prediction?.probabilities).toEqual(before.prediction?.probabilities);
  });

  it('fields out of bounds (from LIMITS) stop Train with a message naming the bound', async () => {
    const { lab } = makeLab();
    await lab.open();
    lab.fields.epochs = String(LIMITS.lenetEpochs.max + 1);
    lab.fields.batchSize = '0';
    lab.fields.trainSize = '201';
    lab.fields.lr = '-1';
    expect(lab.checked.errors).toEqual({
      epochs: `Epochs must be a whole number from 1 to ${formatCount(LIMITS.lenetEpochs.max)}, got ${LIMITS.lenetEpochs.max + 1}`,
      batchSize: `Batch size must be a whole number from 1 to ${formatCount(LIMITS.lenetBatchSize.max)}, got 0`,
      trainSize: 'Training images must be a whole number from 1 to 200, got 201',
      lr: 'Learning rate must be a positive number, got -1',
    });
    expect(lab.canTrain).toBe(false);
    await lab.train();
    expect(lab.status).toBe('ready');
  });

  it('a full storage: the run still finishes, and the view says the model could not be kept', async () => {
    const { lab } = makeLab({ storage: fullStorage() });
    await lab.open();
    quick(lab);
    await lab.train();
    await settle(lab);
    expect(lab.status).toBe('finished');
    expect(lab.storageNote).toBe(
      'The trained LeNet could not be kept for the next visit: The quota has been exceeded.',
    );
  });

  it('a worker that dies mid-run: a message, and the next Train starts a fresh worker that finishes', async () => {
    const host = inProcessHost();
    const { lab } = makeLab({ host });
    await lab.open();
    quick(lab);
    lab.fields.epochs = '3';
    const run = lab.train();
    await new Promise((r) => setTimeout(r, 30));
    expect(lab.status).toBe('running');
    host.crash('out of memory');
    await run;
    expect(lab.status).toBe('stopped');
    expect(lab.error).toBe(
      'The LeNet worker stopped unexpectedly (out of memory). Train starts a fresh one.',
    );
    expect(lab.canTrain).toBe(true);
    lab.fields.epochs = '1';
    await lab.train();
    await settle(lab);
    expect(host.starts).toBe(2);
    expect(lab.status).toBe('finished');
    expect(lab.error).toBeNull();
  });

  it('pause holds the run, Train resumes it to the end', async () => {
    const { lab } = makeLab();
    await lab.open();
    quick(lab);
    lab.fields.batchSize = '10';
    lab.fields.epochs = '2';
    const run = lab.train();
    await new Promise((r) => setTimeout(r, 30));
    await lab.pause();
    await run;
    expect(lab.status).toBe('paused');
    const held = lab.progress?.fraction ?? 0;
    expect(held).toBeGreaterThan(0);
    expect(held).toBeLessThan(1);
    await lab.train();
    await settle(lab);
    expect(lab.status).toBe('finished');
    expect(lab.history).toHaveLength(2);
  });
});
