// SGD and Adam against PyTorch 1.13 (test/fixtures/torch/optim.json, written by make_fixtures.py):
// the same initial parameters and the same gradient at every step must give PyTorch's parameters.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { optim } from '../../../core/src/index.ts';
import { leaf, type TorchJson } from '../helpers/torchFixture.ts';

interface OptimCase {
  id: string;
  optimizer: 'SGD' | 'Adam';
  options: Record<string, unknown>;
  init: TorchJson[];
  steps: Array<{ grads: TorchJson[]; params: TorchJson[] }>;
}

const cases = JSON.parse(readFileSync(new URL('../../fixtures/torch/optim.json', import.meta.url), 'utf8'))
  .cases as OptimCase[];

describe('optimizers match PyTorch 1.13 step by step', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThan(0));
  for (const c of cases) {
    it(c.id, () => {
      const params = c.init.map((j) => leaf(j, true));
      const opt =
        c.optimizer === 'SGD'
          ? new optim.SGD(params, c.options as unknown as optim.SGDOptions)
          : new optim.Adam(params, c.options as optim.AdamOptions);
      c.steps.forEach((step, s) => {
        params.forEach((p, k) => (p.grad = leaf(step.grads[k])));
        opt.step();
        params.forEach((p, k) => {
          step.params[k].data.forEach((want, i) => {
            if (!(Math.abs(p.data[i] - want) <= 1e-6 + 1e-5 * Math.abs(want))) {
              expect.fail(`step ${s + 1}, param ${k}[${i}]: ${p.data[i]}, PyTorch gives ${want}`);
            }
          });
        });
      });
    });
  }
});
