// Every PyTorch 1.13 reference case of test/fixtures/golden/autograd.json (the file
// ../shared/golden/check.ts runs), with check.ts's calls and tolerance: |got - want| <= 1e-4 + 1e-4 |want|.
// A gradient is that of sum(output * upstream).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Tensor } from '../../../core/src/index.ts';
import { expectCloseToTorch, leaf, type TorchJson } from '../helpers/torchFixture.ts';

interface AutogradCase {
  id: string;
  op: string;
  args: TorchJson[];
  output: TorchJson;
  upstream: TorchJson;
  grads: TorchJson[];
}

const cases = JSON.parse(
  readFileSync(new URL('../../fixtures/golden/autograd.json', import.meta.url), 'utf8'),
).cases as AutogradCase[];

// The same calls as check.ts makes for each op name of the golden file.
const ops: Record<string, (...args: Tensor[]) => Tensor> = {
  add: (a, b) => a.add(b),
  sub: (a, b) => a.sub(b),
  mul: (a, b) => a.mul(b),
  div: (a, b) => a.div(b),
  matmul: (a, b) => a.matmul(b),
  relu: (a) => a.relu(),
  sigmoid: (a) => a.sigmoid(),
  tanh: (a) => a.tanh(),
  exp: (a) => a.exp(),
  log: (a) => a.log(),
  square: (a) => a.pow(2),
  sum: (a) => a.sum(),
  sum_dim0: (a) => a.sum(0),
  sum_dim1_keepdim: (a) => a.sum(1, true),
  mean: (a) => a.mean(),
  reshape: (a) => a.reshape([a.shape[1], a.shape[0]]),
  transpose: (a) => a.transpose(0, 1),
  composite: (a) => a.sigmoid().mul(a).sub(a.tanh().pow(2)).sum(1),
};

describe('golden autograd cases (PyTorch 1.13)', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThan(0));
  for (const c of cases) {
    const shapes = c.args.map((a) => `[${a.shape.join(',')}]`).join(' ');
    it(`${c.id} ${c.op} ${shapes}`, () => {
      const op = ops[c.op];
      expect(op, `an op named ${c.op}`).toBeDefined();
      const args = c.args.map((a) => leaf(a, true));
      const y = op(...args);
      expectCloseToTorch(y, c.output, 'output');
      y.mul(leaf(c.upstream)).sum().backward();
      args.forEach((a, i) => expectCloseToTorch(a.grad, c.grads[i], `grad[${i}]`));
    });
  }
});
