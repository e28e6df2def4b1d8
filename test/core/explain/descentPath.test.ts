import { describe, expect, it } from 'vitest';
import { gradientDescentPath } from '../../../core/src/explain/descentPath.ts';
import { squaredLossQuadratic } from '../../../core/src/explain/lossSurface.ts';
import { correlate2d } from '../../../core/src/explain/correlate.ts';
import { textbookStripes } from '../../../core/src/explain/exercises/poolingShift.ts';
import { SGD } from '../../../core/src/optim/index.ts';
import { coreConv, leaf } from './reference.ts';

describe('gradient descent on the loss surface', () => {
  const x = textbookStripes();
  const target = correlate2d(x, { shape: [1, 2], data: [1, -1] });
  const q = squaredLossQuadratic(x, target, 1, 2);

  for (const [momentum, nesterov] of [
    [0, false],
    [0.9, false],
    [0.5, true],
  ] as const) {
    it(`the notebook's run (lr 0.03, 10 steps, momentum ${momentum}${nesterov ? ', nesterov' : ''}) follows the core's SGD step for step`, () => {
      const path = gradientDescentPath(q, [0.2, 0.4], { lr: 0.03, momentum, nesterov, steps: 10 });
      const k = leaf([0.2, 0.4], [1, 1, 1, 2], true);
      const optimizer = new SGD([k], { lr: 0.03, momentum, nesterov });
      for (let s = 1; s <= 10; s++) {
        optimizer.zeroGrad();
        // dL/dK for L = Σ (Y - T)², via autograd on a fresh leaf sharing k's values.
        const run = coreConv(x, { shape: [1, 2], data: k.data }, {}, 'zeros', true);
        run.y.backward(
          leaf(
            Array.from(run.y.data, (v, i) => 2 * (v - target.data[i])),
            run.y.shape,
          ),
        );
        k.grad = run.k.grad!.detach();
        optimizer.step();
        expect(path.weights[s][0]).toBeCloseTo(k.data[0], 4);
        expect(path.weights[s][1]).toBeCloseTo(k.data[1], 4);
      }
    });
  }

  it('without momentum the loss goes down at every step toward the textbook kernel [1, -1]', () => {
    const path = gradientDescentPath(q, [0, 0], { lr: 0.03, steps: 40 });
    for (let s = 1; s < path.losses.length; s++)
      expect(path.losses[s]).toBeLessThanOrEqual(path.losses[s - 1]);
    expect(path.weights[40][0]).toBeCloseTo(1, 1);
    expect(path.weights[40][1]).toBeCloseTo(-1, 1);
  });

  it('stops at the first non-finite loss when the learning rate makes it diverge', () => {
    const path = gradientDescentPath(q, [0, 0], { lr: 10, steps: 5000 });
    expect(path.weights.length).toBeLessThan(5001);
    expect(Number.isFinite(path.losses[path.losses.length - 1])).toBe(false);
  });

  it('throws when the options or the start are invalid', () => {
    expect(() => gradientDescentPath(q, [0], { lr: 0.1, steps: 1 })).toThrow(
      'gradientDescentPath: the loss has 2 weights but the start has 1',
    );
    expect(() => gradientDescentPath(q, [0, 0], { lr: 0, steps: 1 })).toThrow(
      'gradientDescentPath: lr must be a positive number, got 0',
    );
    expect(() => gradientDescentPath(q, [0, 0], { lr: 0.1, momentum: 1, steps: 1 })).toThrow(
      'gradientDescentPath: momentum must be in [0, 1), got 1',
    );
    expect(() => gradientDescentPath(q, [0, 0], { lr: 0.1, nesterov: true, steps: 1 })).toThrow(
      'gradientDescentPath: nesterov needs momentum > 0',
    );
    expect(() => gradientDescentPath(q, [0, 0], { lr: 0.1, steps: -1 })).toThrow(
      'gradientDescentPath: steps must be an integer in [0, 100000], got -1',
    );
  });
});
