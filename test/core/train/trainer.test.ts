import { describe, expect, it } from 'vitest';
import golden from '../../fixtures/golden/replay.json' with { type: 'json' };
import book from '../../fixtures/torch/book_run.json' with { type: 'json' };
import {
  BOOK_START,
  NOTEBOOK_SEED,
  notebookExperiment,
  type Experiment,
} from '../../../core/src/train/experiment.ts';
import { Trainer, type EpochOutcome } from '../../../core/src/train/trainer.ts';

// The golden file's tolerance: |got - want| <= 1e-4 + 1e-4 * |want|.
const close = (got: number, want: number) => Math.abs(got - want) <= 1e-4 + 1e-4 * Math.abs(want);

function withInitialWeights(
  experiment: Experiment,
  weight: number[],
  bias: number[] | null = null,
): Experiment {
  const { outChannels, inChannels, kernelSize } = experiment.layer;
  return {
    ...experiment,
    init: {
      kind: 'weights',
      weight: { shape: [outChannels, inChannels, ...kernelSize], data: weight },
      bias,
    },
  };
}

function train(experiment: Experiment, epochs = experiment.epochs): Trainer {
  const trainer = new Trainer(experiment);
  for (let i = 0; i < epochs; i++) trainer.step();
  return trainer;
}

/** Independent float64 reference: valid cross-correlation of an H x W image with a kh x kw kernel. */
function naiveCorr(x: number[][], k: number[][]): number[][] {
  const out: number[][] = [];
  for (let i = 0; i + k.length <= x.length; i++) {
    const row: number[] = [];
    for (let j = 0; j + k[0].length <= x[0].length; j++) {
      let s = 0;
      for (let a = 0; a < k.length; a++) for (let b = 0; b < k[0].length; b++) s += x[i + a][j + b] * k[a][b];
      row.push(s);
    }
    out.push(row);
  }
  return out;
}

/** The opening scene from a seeded draw (seed 7): the start the divergence cases below were worked out from. */
const seededScene = (): Experiment => ({
  ...notebookExperiment(),
  init: { kind: 'seed', seed: NOTEBOOK_SEED },
});

const rows = (data: ArrayLike<number>, height: number, width: number) =>
  Array.from({ length: height }, (_, i) => Array.from({ length: width }, (_, j) => data[i * width + j]));

describe('Trainer on the notebook experiment', () => {
  for (const c of golden.cases) {
    it(`${c.id}: init=${JSON.stringify(c.init_weight.data.map((v) => +v.toFixed(3)))} lr=${c.lr} epochs=${c.epochs} matches PyTorch's losses and final weight`, () => {
      const trainer = train(
        withInitialWeights(
          { ...notebookExperiment(), optimizer: { kind: 'sgd', lr: c.lr } },
          c.init_weight.data,
        ),
        c.epochs,
      );
      expect(trainer.lossHistory).toHaveLength(c.epochs);
      trainer.lossHistory.forEach((loss, i) =>
        expect(close(loss, c.loss_per_epoch[i]), `epoch ${i + 1}: ${loss} vs ${c.loss_per_epoch[i]}`).toBe(
          true,
        ),
      );
      Array.from(trainer.weight).forEach((w, i) => expect(close(w, c.final_weight.data[i])).toBe(true));
      // The notebook prints 3 decimals: those must be PyTorch's.
      expect(trainer.lossHistory.map((l) => l.toFixed(3))).toEqual(c.loss_per_epoch.map((l) => l.toFixed(3)));
    });
  }

  it("the default start is the book's run: PyTorch's losses every epoch and the book's printed digits", () => {
    expect([...BOOK_START]).toEqual(book.start_float32);
    const trainer = train(notebookExperiment());
    trainer.lossHistory.forEach((loss, i) =>
      expect(
        close(loss, book.loss_per_epoch[i]),
        `epoch ${i + 1}: ${loss} vs ${book.loss_per_epoch[i]}`,
      ).toBe(true),
    );
    const printed = [1, 3, 5, 7, 9].map((i) => `epoch ${i + 1}, loss ${trainer.lossHistory[i].toFixed(3)}`);
    expect(printed).toEqual(book.book_lines.slice(0, 5));
    expect(Array.from(trainer.weight, (w) => w.toFixed(4))).toEqual(
      book.final_weight.map((w) => w.toFixed(4)),
    );
  });

  it('seed 7, 10 epochs: the same loss history bit for bit on two runs, and it ends near [1, -1]', () => {
    const first = train(seededScene());
    const second = train(seededScene());
    expect(first.lossHistory.every((loss, i) => Object.is(loss, second.lossHistory[i]))).toBe(true);
    expect(Array.from(first.weight)).toEqual(Array.from(second.weight));
    expect(Math.abs(first.weight[0] - 1)).toBeLessThan(0.2);
    expect(Math.abs(first.weight[1] + 1)).toBeLessThan(0.2);
  });

  it('seeded initial weights lie in U(-1/sqrt(fanIn), 1/sqrt(fanIn)) and differ between seeds', () => {
    const a = new Trainer(seededScene());
    const b = new Trainer({ ...notebookExperiment(), init: { kind: 'seed', seed: 8 } });
    const bound = 1 / Math.sqrt(2);
    for (const w of [...a.weight, ...b.weight]) expect(Math.abs(w)).toBeLessThanOrEqual(bound);
    expect(Array.from(a.weight)).not.toEqual(Array.from(b.weight));
  });

  it('reset returns to the initial weights and epoch 0, and training again repeats the history', () => {
    const trainer = train(notebookExperiment());
    const history = trainer.lossHistory.slice();
    const initial = Array.from(new Trainer(notebookExperiment()).weight);
    trainer.reset();
    expect(trainer.epoch).toBe(0);
    expect(Array.from(trainer.weight)).toEqual(initial);
    for (let i = 0; i < 10; i++) trainer.step();
    expect(trainer.lossHistory).toEqual(history);
  });
});

/** Steps until the run ends (diverged) or `epochs` have run; returns the last outcome. */
function runUntilDone(trainer: Trainer, epochs: number): EpochOutcome {
  let outcome = trainer.step();
  for (let i = 1; i < epochs && outcome.kind === 'trained'; i++) outcome = trainer.step();
  return outcome;
}

/** The kept weights give `loss` before any update: a trainer started from them reproduces it. */
function firstLossFrom(experiment: Experiment, weight: Float32Array): number {
  const check = new Trainer(withInitialWeights(experiment, Array.from(weight)));
  check.step();
  return check.lossHistory[0];
}

// The notebook's target Y = corr2d(X, [1, -1]) has twelve entries of +-1, so an all-zero output has
// sum-squared loss 12: the "starting scale" (the first loss, 3.23, is smaller).
const NOTEBOOK_ZERO_OUTPUT_LOSS = 12;

describe('Trainer divergence', () => {
  it('lr=0.1 on the opening scene: stops at epoch 5, long before 4e12, naming the learning rate; keeps the weights of the lowest loss (the initial ones)', () => {
    const experiment = { ...seededScene(), optimizer: { kind: 'sgd' as const, lr: 0.1 }, epochs: 10 };
    const initial = Float32Array.from(new Trainer(experiment).weight);
    const trainer = new Trainer(experiment);
    const outcome = runUntilDone(trainer, 10);
    expect(outcome.kind).toBe('diverged');
    if (outcome.kind !== 'diverged') return;
    const history = trainer.lossHistory;
    expect(outcome.epoch).toBe(5);
    expect(Math.max(...history)).toBeLessThan(1e6);
    // Epoch 5's loss is the first above 10,000 x the starting scale.
    expect(history[4]).toBeGreaterThan(1e4 * NOTEBOOK_ZERO_OUTPUT_LOSS);
    expect(history[3]).toBeLessThan(1e4 * NOTEBOOK_ZERO_OUTPUT_LOSS);
    expect(outcome.reason).toBe(
      `loss reached ${Number(history[4].toPrecision(3))} at epoch 5, over 10,000 times its starting scale 12: ` +
        `learning rate 0.1 is too high; kept the weights of the lowest loss, ${Number(history[0].toPrecision(4))} at epoch 1`,
    );
    expect(Array.from(trainer.weight)).toEqual(Array.from(initial));
    expect(trainer.divergence).toBe(outcome.reason);
    // A diverged trainer refuses to go on.
    expect(trainer.step().kind).toBe('diverged');
  });

  it('lr=0.04 (the loss about doubles each epoch): the fast-growth rule stops it, keeping the weights of its lowest loss', () => {
    const experiment = { ...notebookExperiment(), optimizer: { kind: 'sgd' as const, lr: 0.04 } };
    const trainer = new Trainer(experiment);
    const outcome = runUntilDone(trainer, 100);
    expect(outcome.kind).toBe('diverged');
    if (outcome.kind !== 'diverged') return;
    expect(outcome.reason).toMatch(
      /^loss grew from [\d.]+ at epoch \d+ to [\d.e+]+ at epoch \d+: learning rate 0\.04 is too high; kept the weights of the lowest loss, [\d.]+ at epoch \d+$/,
    );
    const lowest = Math.min(...trainer.lossHistory);
    expect(firstLossFrom(experiment, trainer.weight)).toBe(lowest);
    expect(outcome.epoch).toBeLessThan(20);
  });

  it('lr=0.035 (the loss grows about 1.2 times per epoch): the far-above rule stops it', () => {
    const trainer = new Trainer({ ...seededScene(), optimizer: { kind: 'sgd', lr: 0.035 } });
    const outcome = runUntilDone(trainer, 1000);
    expect(outcome.kind).toBe('diverged');
    if (outcome.kind !== 'diverged') return;
    expect(outcome.reason).toMatch(
      /^loss reached .* over 10,000 times its starting scale 12: learning rate 0\.035 is too high/,
    );
    expect(outcome.epoch).toBeLessThan(100);
  });

  it('lr=1e25: the loss becomes Infinity at epoch 2; the initial weights are kept', () => {
    const experiment = { ...notebookExperiment(), optimizer: { kind: 'sgd' as const, lr: 1e25 } };
    const trainer = new Trainer(experiment);
    const outcome = runUntilDone(trainer, 10);
    expect(outcome).toEqual({
      kind: 'diverged',
      epoch: 2,
      reason: `loss became Infinity at epoch 2: learning rate 1e+25 is too high; kept the weights of the lowest loss, ${Number(trainer.lossHistory[0].toPrecision(4))} at epoch 1`,
    });
    expect(firstLossFrom(experiment, trainer.weight)).toBe(trainer.lossHistory[0]);
  });

  it('an input of 1e30 overflows before any update: the input is blamed, not the learning rate', () => {
    const base = notebookExperiment();
    const trainer = new Trainer({
      ...base,
      input: { ...base.input, data: base.input.data.map((v) => v * 1e30) },
    });
    const outcome = trainer.step();
    expect(outcome.kind).toBe('diverged');
    if (outcome.kind !== 'diverged') return;
    expect(outcome.reason).toMatch(
      /^loss is Infinity at epoch 1, before any update: the input \(values up to 1e\+30\) .*; scale (it|the input) down$/,
    );
    expect(outcome.reason).not.toMatch(/learning rate/);
  });

  it('a drawn target of 1e25 overflows before any update: the target is blamed', () => {
    const base = notebookExperiment();
    const trainer = new Trainer({
      ...base,
      target: {
        kind: 'output',
        output: { channels: 1, height: 6, width: 7, data: new Array<number>(42).fill(1e25) },
      },
    });
    const outcome = trainer.step();
    expect(outcome).toMatchObject({ kind: 'diverged', epoch: 1 });
    if (outcome.kind !== 'diverged') return;
    expect(outcome.reason).toBe(
      'loss is Infinity at epoch 1, before any update: the target (values up to 1e+25) is too large for float32 arithmetic; scale it down',
    );
  });
});

/** A 2-channel 16 x 16 image of seeded noise learning two 3 x 3 kernels with a bias. */
function noiseExperiment(loss: Experiment['loss'], optimizer: Experiment['optimizer']): Experiment {
  let state = 1;
  const next = () => (state = (state * 16807) % 2147483647) / 2147483647;
  const data = Array.from({ length: 2 * 16 * 16 }, next);
  const kernel = Array.from({ length: 2 * 2 * 9 }, () => next() * 2 - 1);
  return {
    input: { channels: 2, height: 16, width: 16, data },
    target: { kind: 'kernel', kernel: { shape: [2, 2, 3, 3], data: kernel }, bias: [0.5, -0.25] },
    layer: {
      kernelSize: [3, 3],
      inChannels: 2,
      outChannels: 2,
      padding: [1, 1],
      paddingMode: 'zeros',
      stride: [1, 1],
      dilation: [1, 1],
      bias: true,
      flip: false,
    },
    init: { kind: 'seed', seed: 3 },
    loss,
    optimizer,
    epochs: 10,
  };
}

describe('Trainer divergence never fires on converging runs', () => {
  const notebookRuns: Experiment['optimizer'][] = [
    { kind: 'sgd', lr: 0.01 },
    { kind: 'sgd', lr: 0.03 },
    ...[0.5, 0.9, 0.99].flatMap((momentum) => [
      { kind: 'sgd' as const, lr: 0.01, momentum },
      { kind: 'sgd' as const, lr: 0.03, momentum },
      { kind: 'sgd' as const, lr: 0.01, momentum, nesterov: true },
    ]),
    ...[0.001, 0.01, 0.1, 1, 3].map((lr) => ({ kind: 'adam' as const, lr })),
  ];
  it.each(notebookRuns.map((o) => [JSON.stringify(o), o] as const))(
    'the notebook, 5000 epochs, %s',
    (_, optimizer) => {
      for (const loss of ['sum-squared', 'mse'] as const) {
        const trainer = new Trainer({ ...notebookExperiment(), loss, optimizer });
        expect(runUntilDone(trainer, 5000)).toMatchObject({ kind: 'trained', epoch: 5000 });
      }
    },
  );

  it('Adam at lr 1 on a noise image: the loss climbs from 1e-12 to several times its start for 50 epochs, then settles; not a divergence', () => {
    const trainer = new Trainer(noiseExperiment('sum-squared', { kind: 'adam', lr: 1 }));
    expect(runUntilDone(trainer, 3000)).toMatchObject({ kind: 'trained', epoch: 3000 });
    const history = trainer.lossHistory;
    // The bounce is real: above the first loss long after it had fallen below 1e-10.
    const low = history.findIndex((v) => v < 1e-10);
    expect(low).toBeGreaterThan(0);
    expect(Math.max(...history.slice(low))).toBeGreaterThan(history[0]);
    expect(history[2999]).toBeLessThan(1e-6);
  });

  it.each([
    ['sgd lr 0.03', { kind: 'sgd', lr: 0.03 }],
    ['sgd lr 0.03 momentum 0.9', { kind: 'sgd', lr: 0.03, momentum: 0.9 }],
    ['adam lr 0.01', { kind: 'adam', lr: 0.01 }],
    ['adam lr 0.1', { kind: 'adam', lr: 0.1 }],
  ] as const)('a noise image, mse, 2000 epochs, %s', (_, optimizer) => {
    const trainer = new Trainer(noiseExperiment('mse', optimizer));
    expect(runUntilDone(trainer, 2000)).toMatchObject({ kind: 'trained', epoch: 2000 });
  });
});

describe('Trainer configurations', () => {
  it('loss=mse is loss=sum-squared divided by the output size (6 x 7 = 42) at the same weights', () => {
    const sum = train(notebookExperiment(), 1).lossHistory[0];
    const mse = train({ ...notebookExperiment(), loss: 'mse' }, 1).lossHistory[0];
    expect(mse).toBeCloseTo(sum / 42, 5);
  });

  it('flip=true: the target is the true convolution (kernel rotated 180 degrees) and the flipped layer learns K itself', () => {
    const base = notebookExperiment();
    const kernel = [1, 2, 3, 4];
    const experiment: Experiment = {
      ...base,
      target: { kind: 'kernel', kernel: { shape: [1, 1, 2, 2], data: kernel }, bias: null },
      layer: { ...base.layer, kernelSize: [2, 2], flip: true },
      init: { kind: 'weights', weight: { shape: [1, 1, 2, 2], data: kernel }, bias: null },
    };
    const trainer = new Trainer(experiment);
    const x = rows(base.input.data, 6, 8);
    const expected = naiveCorr(x, [
      [4, 3],
      [2, 1],
    ]).flat();
    Array.from(trainer.targetValues()).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
    // Starting at the true kernel the loss and the gradient are zero.
    trainer.step();
    expect(trainer.lossHistory[0]).toBe(0);
    expect(Array.from(trainer.weightGrad)).toEqual([0, 0, 0, 0]);
  });

  it('reflect padding 1 with a 3x3 identity target: Y equals X (reflection does not change the centre)', () => {
    const base = seededScene();
    const identity = [0, 0, 0, 0, 1, 0, 0, 0, 0];
    const trainer = new Trainer({
      ...base,
      target: { kind: 'kernel', kernel: { shape: [1, 1, 3, 3], data: identity }, bias: null },
      layer: { ...base.layer, kernelSize: [3, 3], padding: [1, 1], paddingMode: 'reflect' },
    });
    expect(Array.from(trainer.targetValues())).toEqual(base.input.data);
  });

  it('bias=true: the bias gradient is the sum of 2 * (prediction - target) (sum-squared loss)', () => {
    const base = notebookExperiment();
    const trainer = new Trainer({
      ...base,
      target: { kind: 'kernel', kernel: { shape: [1, 1, 1, 2], data: [1, -1] }, bias: [0.5] },
      layer: { ...base.layer, bias: true },
      init: { kind: 'weights', weight: { shape: [1, 1, 1, 2], data: [0, 0] }, bias: [0] },
    });
    const target = trainer.targetValues();
    trainer.step();
    // With zero weights and bias the prediction is 0, so d loss / d bias = sum(2 * (0 - target)).
    const expected = target.reduce((s, t) => s - 2 * t, 0);
    expect(trainer.biasGrad?.[0]).toBeCloseTo(expected, 4);
  });

  it("target kind=output: trains towards a drawn output of the layer's output shape", () => {
    const base = notebookExperiment();
    const drawn = naiveCorr(rows(base.input.data, 6, 8), [[1, -1]]).flat();
    const trainer = train(
      { ...base, target: { kind: 'output', output: { channels: 1, height: 6, width: 7, data: drawn } } },
      1,
    );
    const reference = train(base, 1);
    expect(trainer.lossHistory[0]).toBe(reference.lossHistory[0]);
  });

  it('adam: the first step moves each weight by lr * sign(gradient) (bias-corrected m/sqrt(v) = g/|g|)', () => {
    const trainer = new Trainer({ ...notebookExperiment(), optimizer: { kind: 'adam', lr: 0.1 } });
    const before = Array.from(trainer.weight);
    trainer.step();
    Array.from(trainer.weight).forEach((w, i) =>
      expect(w - before[i]).toBeCloseTo(-0.1 * Math.sign(trainer.weightGrad[i]), 5),
    );
  });

  it('sgd momentum=0.9: the second update is lr * (0.9 * g1 + g2)', () => {
    const trainer = new Trainer({
      ...notebookExperiment(),
      optimizer: { kind: 'sgd', lr: 0.01, momentum: 0.9 },
    });
    trainer.step();
    const g1 = Array.from(trainer.weightGrad);
    const before = Array.from(trainer.weight);
    trainer.step();
    const g2 = Array.from(trainer.weightGrad);
    Array.from(trainer.weight).forEach((w, i) =>
      expect(w - before[i]).toBeCloseTo(-0.01 * (0.9 * g1[i] + g2[i]), 5),
    );
  });
});
