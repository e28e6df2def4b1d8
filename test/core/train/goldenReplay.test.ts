// The notebook's training run replayed against PyTorch 1.13 (test/fixtures/golden/replay.json, as
// ../shared/golden/check.ts runs it): every epoch's summed squared loss within 1e-4 + 1e-3 |want| and
// the final weight within 1e-4 + 1e-4 |want|.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { conv2d, optim } from '../../../core/src/index.ts';
import { leaf, type TorchJson } from '../helpers/torchFixture.ts';

interface ReplayCase {
  id: string;
  X: TorchJson;
  K: TorchJson;
  init_weight: TorchJson;
  lr: number;
  epochs: number;
  loss_per_epoch: number[];
  final_weight: TorchJson;
}

const cases = JSON.parse(readFileSync(new URL('../../fixtures/golden/replay.json', import.meta.url), 'utf8'))
  .cases as ReplayCase[];

describe('golden replay of the notebook training loop (PyTorch 1.13)', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThan(0));
  for (const c of cases) {
    it(`${c.id} X=[${c.X.shape}] K=[${c.K.shape}] lr=${c.lr} epochs=${c.epochs}`, () => {
      const X = leaf(c.X).reshape([1, 1, ...c.X.shape]);
      const K = leaf(c.K).reshape([1, 1, ...c.K.shape]);
      const Y = conv2d(X, K);
      const w = leaf(c.init_weight, true);
      const opt = new optim.SGD([w], { lr: c.lr });
      for (let epoch = 0; epoch < c.epochs; epoch++) {
        const loss = conv2d(X, w).sub(Y).pow(2).sum();
        opt.zeroGrad();
        loss.backward();
        opt.step();
        const want = c.loss_per_epoch[epoch];
        if (!(Math.abs(loss.item() - want) <= 1e-4 + 1e-3 * Math.abs(want))) {
          expect.fail(`epoch ${epoch + 1}: loss ${loss.item()}, PyTorch gives ${want}`);
        }
      }
      expect(w.shape).toEqual(c.final_weight.shape);
      c.final_weight.data.forEach((want, i) => {
        if (!(Math.abs(w.data[i] - want) <= 1e-4 + 1e-4 * Math.abs(want))) {
          expect.fail(`final weight[${i}]: ${w.data[i]}, PyTorch gives ${want}`);
        }
      });
    });
  }
});
