// "Start from": a run starts from the book's start (the default), the seed's draw, or a copy of the learned kernel,
// which is how the chapter's unlearnable-kernel demonstration is staged (train on the stripes, then on
// the transposed stripes from what was learned). Runs use the real trainer in-process.
import { describe, expect, it } from 'vitest';
import { parseLab } from '../../../core/src/formats/index.ts';
import { Lab } from '../../../renderer/src/state/Lab.svelte.ts';
import { Documents } from '../../../renderer/src/state/Documents.svelte.ts';
import { Training, learnedStartUnavailable } from '../../../renderer/src/state/Training.svelte.ts';
import { labExperiment, defaultSettings } from '../../../renderer/src/lab/labExperiment.ts';
import { bookInit } from '../../../core/src/train/experiment.ts';
import { parseLabFile, serializeLabFile } from '../../../renderer/src/lib/fileFormats.ts';
import { readSnapshot } from '../../../renderer/src/lib/snapshot.ts';
import { INPUT_PRESETS } from '../../../renderer/src/lib/inputPresets.ts';
import type { Grid } from '../../../renderer/src/lib/grid.ts';
import { fakePlatform, inProcessClient } from '../fakes/clients.ts';

const transposedStripes = (lab: Lab): Grid =>
  INPUT_PRESETS.find((p) => p.id === 'stripes-t')!.make(lab.input.height, lab.input.width, 0);

/** The notebook's loss, sum((corr(X, W) - corr(X, K))^2), by the definition (no padding, stride 1). */
function naiveLoss(x: Grid, w: number[], k: number[], kw: number): number {
  let total = 0;
  for (let r = 0; r < x.height; r++) {
    for (let c = 0; c + kw <= x.width; c++) {
      let diff = 0;
      for (let j = 0; j < kw; j++) diff += (w[j] - k[j]) * x.data[r * x.width + c + j];
      total += diff * diff;
    }
  }
  return total;
}

async function trainedOnStripes(): Promise<{ lab: Lab; training: Training }> {
  const lab = new Lab();
  const training = new Training(inProcessClient(), lab);
  await training.train();
  return { lab, training };
}

describe('Start from', () => {
  it("defaults to the book's run (the core's notebook start), and the learned kernel is unavailable before any training", () => {
    const training = new Training(inProcessClient(), new Lab());
    expect(training.startFrom).toBe('book');
    expect(training.experiment().init).toEqual(bookInit());
    expect(training.learnedStartReason).toMatch(/no learned kernel yet/);
    training.chooseStart('learned');
    expect(training.startFrom).toBe('book');
    training.chooseStart('seed');
    expect(training.settings.startWeights).toBeNull();
    expect(training.experiment().init).toEqual({ kind: 'seed', seed: defaultSettings().seed });
    training.chooseStart('book');
    expect(training.experiment().init).toEqual(bookInit());
  });

  it("the book's run is unavailable, naming both shapes, while the learnable kernel is not 1 × 2", () => {
    const training = new Training(inProcessClient(), new Lab());
    training.settings.kernelSize = [3, 3];
    expect(training.startFrom).toBe('seed');
    expect(training.bookStartReason).toBe(
      "The book's run learns a 1 × 2 kernel; the learnable kernel is 3 × 3.",
    );
    training.chooseStart('book');
    expect(training.experiment().init).toEqual({ kind: 'seed', seed: 7 });
    training.settings.kernelSize = null;
    expect(training.startFrom).toBe('book');
  });

  it('names both shapes when the learned kernel does not fit the learnable kernel', () => {
    const learned: Grid = { height: 1, width: 2, data: Float32Array.from([1, -1]) };
    expect(learnedStartUnavailable(learned, [1, 2])).toBeNull();
    expect(learnedStartUnavailable(learned, [2, 2])).toBe(
      'The learned kernel is 1 × 2 but the learnable kernel is 2 × 2.',
    );
  });

  it('the learned kernel: the experiment starts from a plain-number copy of the learned weights', async () => {
    const { training } = await trainedOnStripes();
    expect(training.learnedStartReason).toBeNull();
    training.chooseStart('learned');
    expect(training.startFrom).toBe('learned');
    const learned = Array.from(training.learned!.data);
    const { init } = training.experiment();
    expect(init).toEqual({ kind: 'weights', weight: { shape: [1, 1, 1, 2], data: learned }, bias: null });
    if (init.kind !== 'weights') throw new Error('expected explicit initial weights');
    expect(Array.isArray(init.weight.data)).toBe(true);
    // A copy: training on changes the learned kernel, not the run's start.
    await training.train();
    expect(training.experiment().init).toEqual(init);
    training.chooseStart('seed');
    expect(training.experiment().init).toEqual({ kind: 'seed', seed: 7 });
  });

  it('falls back to the seed while the chosen start does not fit a resized learnable kernel', async () => {
    const { lab, training } = await trainedOnStripes();
    training.chooseStart('learned');
    training.settings.kernelSize = [2, 2];
    expect(training.startFrom).toBe('seed');
    expect(training.learnedStartReason).toMatch(/1 × 2 but the learnable kernel is 2 × 2/);
    expect(labExperiment(lab, training.settings, null).init).toEqual({ kind: 'seed', seed: 7 });
  });

  it('on the transposed stripes the run starts at the loss of the learned kernel, and Reset returns to it', async () => {
    const { lab, training } = await trainedOnStripes();
    const learned = Array.from(training.learned!.data);
    lab.editInput(transposedStripes(lab));
    training.chooseStart('learned');
    await training.train();
    expect(training.lossHistory[0]).toBeCloseTo(naiveLoss(lab.input, learned, [1, -1], 2), 5);
    await training.reset();
    expect(Array.from(training.learned!.data)).toEqual(learned);
    await training.step();
    expect(training.lossHistory[0]).toBeCloseTo(naiveLoss(lab.input, learned, [1, -1], 2), 5);
  });

  it('a lab file stores the start weights in the experiment and Open lab restores the choice', async () => {
    const { lab, training } = await trainedOnStripes();
    const documents = new Documents(lab, training, fakePlatform(), null);
    training.chooseStart('learned');
    const text = serializeLabFile(training.experiment(), documents.snapshot());
    expect(parseLab(text).experiment.init).toEqual(training.experiment().init);
    expect(parseLabFile(text).settings.startWeights).toEqual(training.settings.startWeights);

    const otherLab = new Lab();
    const other = new Training(inProcessClient(), otherLab);
    await new Documents(otherLab, other, fakePlatform(), null).openLabBytes(
      'lab.convlab.json',
      new TextEncoder().encode(text),
    );
    expect(other.startFrom).toBe('learned');
    expect(other.experiment().init).toEqual(training.experiment().init);
  });

  it('a snapshot saved before start weights existed opens with the seeded draw', () => {
    const lab = new Lab();
    const training = new Training(inProcessClient(), lab);
    const snapshot = JSON.parse(
      JSON.stringify(new Documents(lab, training, fakePlatform(), null).snapshot()),
    );
    delete snapshot.settings.startWeights;
    const read = readSnapshot(snapshot);
    if (read instanceof Error) throw read;
    expect(read.settings.startWeights).toBeNull();
  });

  it('rejects a snapshot whose start weights do not fill their shape', () => {
    const lab = new Lab();
    const training = new Training(inProcessClient(), lab);
    const snapshot = JSON.parse(
      JSON.stringify(new Documents(lab, training, fakePlatform(), null).snapshot()),
    );
    snapshot.settings.startWeights = { shape: [1, 1, 1, 2], data: [1] };
    expect((readSnapshot(snapshot) as Error).message).toContain('settings.startWeights');
  });
});
