// The learning rate's stability limit against PyTorch: λmax of torch.autograd.functional.hessian of the
// same loss (float64, eigvalsh), for the notebook and for padding modes, stride, dilation, the flip,
// bias, channels and both losses (scripts/make-stability-fixtures.py).
import { describe, expect, it } from 'vitest';
import fixture from '../../fixtures/torch/stability.json' with { type: 'json' };
import { notebookExperiment, type Experiment, type Layer } from '../../../core/src/train/experiment.ts';
import { lossHessianLambdaMax, stabilityLimit } from '../../../core/src/train/stability.ts';
import { Trainer } from '../../../core/src/train/trainer.ts';
import { PAD_MODES } from '../../../core/src/conv/geometry.ts';

type Case = (typeof fixture.cases)[number];

function layerOf(c: Case): Layer {
  const padMode = PAD_MODES.find((m) => m === c.paddingMode);
  if (padMode === undefined) throw new Error(`fixture: unknown padding mode ${c.paddingMode}`);
  return {
    kernelSize: [c.kernelSize[0], c.kernelSize[1]],
    inChannels: c.input.channels,
    outChannels: c.outChannels,
    padding: [c.padding[0], c.padding[1]],
    paddingMode: padMode,
    stride: [c.stride[0], c.stride[1]],
    dilation: [c.dilation[0], c.dilation[1]],
    bias: c.bias,
    flip: c.flip,
  };
}

const loss = (c: Case) => (c.loss === 'mse' ? 'mse' : 'sum-squared');

describe('lossHessianLambdaMax matches PyTorch', () => {
  for (const c of fixture.cases) {
    it(`${c.id}: λmax ${c.lambdaMax.toPrecision(6)}, limit ${c.limit.toPrecision(4)}`, () => {
      const got = lossHessianLambdaMax(c.input, layerOf(c), loss(c));
      // The input is float32 in the core and float64 in the fixture: agreement to ~1e-6 relative.
      expect(Math.abs(got - c.lambdaMax)).toBeLessThanOrEqual(1e-5 * c.lambdaMax);
    });
  }
});

describe('stabilityLimit', () => {
  it("the notebook: AᵀA has eigenvalues 30 and 6, so λmax(2AᵀA) = 60 and the limit is 1/30; the book's 0.03 is 90% of it", () => {
    const result = stabilityLimit(notebookExperiment());
    expect(result.kind).toBe('limit');
    if (result.kind !== 'limit') return;
    expect(result.lambdaMax).toBeCloseTo(60, 10);
    expect(result.limit).toBeCloseTo(1 / 30, 12);
    expect(notebookExperiment().optimizer.lr / result.limit).toBeCloseTo(0.9, 10);
  });

  it('is the boundary the trainer sees: just under it the loss shrinks, just over it the loss grows', () => {
    const result = stabilityLimit(notebookExperiment());
    if (result.kind !== 'limit') throw new Error('expected a limit');
    const lossAfter = (lr: number, epochs: number): number => {
      const experiment: Experiment = { ...notebookExperiment(), optimizer: { kind: 'sgd', lr }, epochs };
      const trainer = new Trainer(experiment);
      for (let i = 0; i < epochs; i++) trainer.step();
      return trainer.lossHistory[epochs - 1];
    };
    const first = lossAfter(result.limit, 1);
    expect(lossAfter(result.limit * 0.97, 60)).toBeLessThan(first);
    expect(lossAfter(result.limit * 1.03, 60)).toBeGreaterThan(first);
  });

  it('says why there is no such limit for momentum and for Adam', () => {
    const momentum = stabilityLimit({
      ...notebookExperiment(),
      optimizer: { kind: 'sgd', lr: 0.03, momentum: 0.9 },
    });
    expect(momentum).toEqual({ kind: 'not-applicable', reason: expect.stringMatching(/momentum/) });
    const adam = stabilityLimit({ ...notebookExperiment(), optimizer: { kind: 'adam', lr: 0.03 } });
    expect(adam).toEqual({ kind: 'not-applicable', reason: expect.stringMatching(/^Adam /) });
  });

  it("the lab's largest scene (64 x 64 input, 7 x 7 kernel, padding 3) takes well under a frame budget of work", () => {
    const data = Array.from({ length: 64 * 64 }, (_, i) => Math.sin(i) * 0.5 + 0.5);
    const base = notebookExperiment();
    const experiment: Experiment = {
      ...base,
      input: { channels: 1, height: 64, width: 64, data },
      layer: { ...base.layer, kernelSize: [7, 7], padding: [3, 3] },
      init: { kind: 'seed', seed: 7 },
    };
    const began = performance.now();
    const result = stabilityLimit(experiment);
    const ms = performance.now() - began;
    expect(result.kind).toBe('limit');
    // Loose: the machine is shared; the point is that it is not seconds.
    expect(ms).toBeLessThan(2000);
  });
});
