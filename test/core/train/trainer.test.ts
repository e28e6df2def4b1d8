import { describe, expect, it } from 'vitest';
import golden from '../../fixtures/golden/replay.json' with { type: 'json' };
import { notebookExperiment, type Experiment } from '../../../core/src/train/experiment.ts';
import { Trainer } from '../../../core/src/train/trainer.ts';

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

  it('seed 7, 10 epochs: the same loss history bit for bit on two runs, and it ends near [1, -1]', () => {
    const first = train(notebookExperiment());
    const second = train(notebookExperiment());
    expect(first.lossHistory.every((loss, i) => Object.is(loss, second.lossHistory[i]))).toBe(true);
    expect(Array.from(first.weight)).toEqual(Array.from(second.weight));
    expect(Math.abs(first.weight[0] - 1)).toBeLessThan(0.2);
    expect(Math.abs(first.weight[1] + 1)).toBeLessThan(0.2);
  });

  it('seeded initial weights lie in U(-1/sqrt(fanIn), 1/sqrt(fanIn)) and differ between seeds', () => {
    const a = new Trainer(notebookExperiment());
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

describe('Trainer divergence', () => {
  it('lr=5 on the notebook: ends with "loss became Infinity at epoch N: learning rate 5 is too high" and keeps the last finite weights', () => {
    const trainer = new Trainer({ ...notebookExperiment(), optimizer: { kind: 'sgd', lr: 5 }, epochs: 100 });
    let outcome = trainer.step();
    while (outcome.kind === 'trained') outcome = trainer.step();
    expect(outcome.kind).toBe('diverged');
    if (outcome.kind !== 'diverged') return;
    expect(outcome.reason).toBe(
      `loss became Infinity at epoch ${outcome.epoch}: learning rate 5 is too high`,
    );
    expect(trainer.divergence).toBe(outcome.reason);
    expect(Array.from(trainer.weight).every(Number.isFinite)).toBe(true);
    // The restored weights are the ones whose loss is the last finite entry of the history.
    const check = new Trainer(withInitialWeights(notebookExperiment(), Array.from(trainer.weight)));
    check.step();
    expect(check.lossHistory[0]).toBe(trainer.lossHistory[trainer.lossHistory.length - 1]);
    // A diverged trainer refuses to go on.
    expect(trainer.step().kind).toBe('diverged');
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
    const base = notebookExperiment();
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
