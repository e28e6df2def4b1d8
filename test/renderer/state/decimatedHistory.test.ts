// A long run read from a file holds a decimated loss history (the epoch of each value beside it): the
// chart plots it against those epochs, and a run continued from it carries on at the right epoch.
import { describe, expect, it } from 'vitest';
import { Lab } from '../../../renderer/src/state/Lab.svelte.ts';
import { Training } from '../../../renderer/src/state/Training.svelte.ts';
import { downsampleMinMax } from '../../../renderer/src/lib/downsample.ts';
import { inProcessClient } from '../fakes/clients.ts';
import { parseLabFile, serializeLabFile } from '../../../renderer/src/lib/fileFormats.ts';
import { labFile, serializeLab } from '../../../core/src/formats/index.ts';
import { notebookExperiment } from '../../../core/src/train/experiment.ts';

describe('a decimated loss history', () => {
  it('the chart points of a decimated history sit at its epochs, the last at the last epoch run', () => {
    const epochs = Array.from({ length: 3000 }, (_, i) => (i + 1) * 100);
    const values = epochs.map((e) => 1 / e);
    const points = downsampleMinMax(values, 800, values.length, epochs);
    expect(points[0]).toEqual({ x: 100, y: 1 / 100 });
    expect(points.at(-1)).toEqual({ x: 300_000, y: 1 / 300_000 });
    expect(points.every((p) => p.x % 100 === 0)).toBe(true);
  });

  it('Open lab keeps the epochs of a long run’s decimated history, and Save lab writes them back', () => {
    const n = 30_000;
    const history = Array.from({ length: n }, (_, i) => Math.fround(1 / (i + 1)));
    const text = serializeLab(
      labFile(notebookExperiment(), {
        lossHistory: history,
        weight: { shape: [1, 1, 1, 2], data: [1, -1] },
        bias: null,
      }),
    );
    const results = parseLabFile(text).results!;
    expect(results.epoch).toBe(n);
    expect(results.lossHistoryEpochs).toHaveLength(results.lossHistory.length);
    expect(results.lossHistory.length).toBeLessThan(n);
    expect(results.lossHistoryEpochs!.at(-1)).toBe(n);
    const snapshot = parseLabFile(text);
    const again = parseLabFile(serializeLabFile(notebookExperiment(), snapshot)).results!;
    expect(again.lossHistoryEpochs).toEqual(results.lossHistoryEpochs);
  });

  it('a run continued from a restored decimated history appends epochs after the restored ones', async () => {
    const lab = new Lab();
    const training = new Training(inProcessClient(), lab);
    const epochs = [2, 4, 6, 8, 10];
    training.restore({
      weight: { shape: [1, 1, 1, 2], data: [0.5, -0.5] },
      weightGrad: null,
      lossHistory: [5, 4, 3, 2, 1],
      lossHistoryEpochs: epochs,
      epoch: 10,
      key: training.runKey,
    });
    expect(training.results()?.lossHistoryEpochs).toEqual(epochs);
    // Continue runs the settings' epochs more, in the worker, after the restored ones.
    training.settings.epochs = 3;
    await training.continueRun();
    expect(training.epoch).toBe(13);
    expect(training.lossHistoryEpochs).toEqual([2, 4, 6, 8, 10, 11, 12, 13]);
    expect(training.lossHistory.slice(0, 5)).toEqual([5, 4, 3, 2, 1]);
    expect(training.lossHistory).toHaveLength(8);
    // Reset starts a fresh, dense history.
    await training.reset();
    expect(training.lossHistoryEpochs).toEqual([]);
  });
});
