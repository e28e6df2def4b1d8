// The layers, activations, softmax, losses, argmax and init fans LeNet needs, against PyTorch 1.13
// (test/fixtures/torch/nn_ops.json, written by make_nn_fixtures.py from float32 inputs with a float64
// reference): output and the gradients of sum(output * upstream), within 1e-4 + 1e-4 |want|.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { setSimdKernelsDisabled } from '../../../core/src/kernels/wasm/simdKernels.ts';
import {
  argmax,
  flatten,
  linear,
  logSoftmax,
  nn,
  softmax,
  tensor,
  type Tensor,
} from '../../../core/src/index.ts';
import { expectCloseToTorch, leaf, type TorchJson } from '../helpers/torchFixture.ts';

interface OpCase {
  id: string;
  expr: string;
  args: TorchJson[];
  target?: number[];
  output: TorchJson;
  upstream: TorchJson;
  grads: TorchJson[];
}
interface ArgmaxCase {
  id: string;
  dim: number | null;
  keepdim: boolean;
  input: TorchJson;
  output: TorchJson;
}
interface FanCase {
  shape: number[];
  fanIn: number;
  fanOut: number;
}

const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/torch/nn_ops.json', import.meta.url), 'utf8'),
) as { cases: OpCase[]; argmax: ArgmaxCase[]; fans: FanCase[] };

// The TypeScript spelling of each case's PyTorch expression (the `expr` field); t is the target.
type Call = (args: Tensor[], t: Int32Array) => Tensor;
const ops: Record<string, Call> = {
  linear_bias: ([a, b, c]) => linear(a, b, c),
  linear_no_bias_3d: ([a, b]) => linear(a, b),
  linear_1d_input: ([a, b, c]) => linear(a, b, c),
  module_flatten: ([a]) => new nn.Flatten().forward(a),
  flatten_1_2: ([a]) => flatten(a, 1, 2),
  flatten_all: ([a]) => a.flatten(),
  sigmoid: ([a]) => a.sigmoid(),
  module_sigmoid: ([a]) => new nn.Sigmoid().forward(a),
  relu: ([a]) => a.relu(),
  module_relu: ([a]) => new nn.ReLU().forward(a),
  softmax_dim0: ([a]) => softmax(a, 0),
  softmax_dim1: ([a]) => a.softmax(1),
  softmax_dim_neg1: ([a]) => softmax(a, -1),
  softmax_large: ([a]) => softmax(a, 1),
  log_softmax_dim1: ([a]) => logSoftmax(a, 1),
  log_softmax_large: ([a]) => a.logSoftmax(-1),
  cross_entropy_mean: ([a], t) => nn.crossEntropy(a, t),
  cross_entropy_sum: ([a], t) => nn.crossEntropy(a, t, { reduction: 'sum' }),
  cross_entropy_none: ([a], t) => nn.crossEntropy(a, t, { reduction: 'none' }),
  // the target as a float tensor, the other documented form
  cross_entropy_large: ([a], t) => nn.crossEntropy(a, tensor(Array.from(t))),
  module_cross_entropy: ([a], t) => new nn.CrossEntropyLoss().forward(a, t),
};

afterAll(() => setSimdKernelsDisabled(false));

// Twice: with the WebAssembly kernels (linear's products, large activations) and with the
// JavaScript loops that replace them where WebAssembly cannot run.
describe.each([
  ['WebAssembly kernels', false],
  ['WebAssembly disabled', true],
])('nn ops against PyTorch 1.13 (%s)', (_how, disabled) => {
  it('has a TypeScript spelling for every case', () => {
    expect(fixture.cases.map((c) => c.id).filter((id) => !(id in ops))).toEqual([]);
  });
  for (const c of fixture.cases) {
    it(`${c.id}: ${c.expr} ${c.args.map((a) => `[${a.shape}]`).join(' ')}`, () => {
      setSimdKernelsDisabled(disabled);
      const args = c.args.map((a) => leaf(a, true));
      const y = ops[c.id](args, Int32Array.from(c.target ?? []));
      expectCloseToTorch(y, c.output, 'output');
      y.mul(leaf(c.upstream)).sum().backward();
      args.forEach((a, i) => expectCloseToTorch(a.grad, c.grads[i], `grad[${i}]`));
      setSimdKernelsDisabled(false);
    });
  }
});

describe('argmax against PyTorch 1.13 (ties: the first index)', () => {
  for (const c of fixture.argmax) {
    it(`${c.id}: x=[${c.input.shape}] dim=${c.dim} keepdim=${c.keepdim}`, () => {
      const x = leaf(c.input);
      const got = c.dim === null ? argmax(x, undefined, c.keepdim) : x.argmax(c.dim, c.keepdim);
      expect(got.shape).toEqual(c.output.shape);
      expect(Array.from(got.data)).toEqual(c.output.data);
      expect(got.requiresGrad).toBe(false);
    });
  }
  it('the cases do hold ties', () => {
    const x = fixture.argmax[0].input.data;
    expect(new Set(x).size).toBeLessThan(x.length / 4);
  });
});

describe('nn.init fans as PyTorch', () => {
  for (const c of fixture.fans) {
    it(`shape [${c.shape}]: fanIn ${c.fanIn}, fanOut ${c.fanOut}`, () => {
      expect(
        nn.init.fans(
          'test',
          tensor(new Float32Array(c.shape.reduce((a, b) => a * b, 1)), { shape: c.shape }),
        ),
      ).toEqual({
        fanIn: c.fanIn,
        fanOut: c.fanOut,
      });
    });
  }
});
