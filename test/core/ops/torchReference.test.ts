// Ops beyond the shared golden file against PyTorch 1.13 (test/fixtures/torch/ops.json, written by
// make_fixtures.py from float32 inputs with a float64 reference): output and the gradients of
// sum(output * upstream), within the golden tolerance 1e-4 + 1e-4 |want|.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nn, type Tensor } from '../../../core/src/index.ts';
import { expectCloseToTorch, leaf, type TorchJson } from '../helpers/torchFixture.ts';

interface OpCase {
  id: string;
  expr: string;
  args: TorchJson[];
  output: TorchJson;
  upstream: TorchJson;
  grads: TorchJson[];
}

const cases = JSON.parse(readFileSync(new URL('../../fixtures/torch/ops.json', import.meta.url), 'utf8'))
  .cases as OpCase[];

// The TypeScript spelling of each case's PyTorch expression (the `expr` field).
const ops: Record<string, (a: Tensor, b: Tensor) => Tensor> = {
  add: (a, b) => a.add(b),
  sub: (a, b) => a.sub(b),
  mul: (a, b) => a.mul(b),
  div: (a, b) => a.div(b),
  neg: (a) => a.neg(),
  abs: (a) => a.abs(),
  pow_3: (a) => a.pow(3),
  pow_half: (a) => a.abs().add(0.5).pow(0.5),
  pow_neg2: (a) => a.abs().add(0.5).pow(-2),
  sum_dims_0_2: (a) => a.sum([0, 2]),
  sum_neg1_keepdim: (a) => a.sum(-1, true),
  mean_dim1: (a) => a.mean(1),
  mean_dims_keepdim: (a) => a.mean([0, 1], true),
  max_all: (a) => a.max(),
  max_dim0: (a) => a.max(0),
  max_dim_neg1_keepdim: (a) => a.max(-1, true),
  permute_201: (a) => a.permute(2, 0, 1),
  transpose_neg: (a) => a.transpose(-1, 0),
  flip_0_2: (a) => a.flip([0, 2]),
  reshape_infer: (a) => a.reshape([4, -1]),
  matmul_vec_vec: (a, b) => a.matmul(b),
  matmul_vec_mat: (a, b) => a.matmul(b),
  matmul_mat_vec: (a, b) => a.matmul(b),
  matmul_batched_broadcast: (a, b) => a.matmul(b),
  matmul_batched_vec: (a, b) => a.matmul(b),
  mse_mean: (a, b) => nn.mseLoss(a, b),
  mse_sum: (a, b) => nn.mseLoss(a, b, { reduction: 'sum' }),
  chain: (a, b) => a.exp().mul(b).relu().sum(0).div(a.tanh().add(2).mean(0)),
};

describe('ops against PyTorch 1.13', () => {
  it('has a TypeScript spelling for every case', () => {
    expect(cases.map((c) => c.id).filter((id) => !(id in ops))).toEqual([]);
  });
  for (const c of cases) {
    it(`${c.id}: ${c.expr} ${c.args.map((a) => `[${a.shape}]`).join(' ')}`, () => {
      const args = c.args.map((a) => leaf(a, true));
      const y = ops[c.id](args[0], args[1]);
      expectCloseToTorch(y, c.output, 'output');
      y.mul(leaf(c.upstream)).sum().backward();
      args.forEach((a, i) => expectCloseToTorch(a.grad, c.grads[i], `grad[${i}]`));
    });
  }
});
