// Every PyTorch 1.13 reference case for convolution, correlation, pooling and output shapes
// (test/fixtures/golden, the same files ../shared/golden/check.ts runs). A gradient is that of
// sum(output * upstream), obtained here by seeding backward with `upstream` itself.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Tensor } from '../../../core/src/tensor.ts';
import { avgPool2d, conv2d, corr2d, maxPool2d, type Padding } from '../../../core/src/conv/index.ts';
import { expectCloseToTorch, leaf, type TorchJson } from '../helpers/torchFixture.ts';

type Hw = [number, number];

const load = <T>(name: string): T[] =>
  JSON.parse(readFileSync(new URL(`../../fixtures/golden/${name}.json`, import.meta.url), 'utf8'))
    .cases as T[];
const padding = (p: Hw | 'same' | 'valid'): Padding => (typeof p === 'string' ? p : [p[0], p[1]]);

interface ConvCase {
  id: string;
  input: TorchJson;
  weight: TorchJson;
  bias: TorchJson | null;
  stride: Hw;
  padding: Hw | 'same' | 'valid';
  dilation: Hw;
  groups: number;
  output: TorchJson;
  upstream: TorchJson;
  grad_input: TorchJson;
  grad_weight: TorchJson;
  grad_bias: TorchJson | null;
}
const convCases = load<ConvCase>('conv2d').map((c) => ({
  ...c,
  name: `${c.id} x=${JSON.stringify(c.input.shape)} w=${JSON.stringify(c.weight.shape)} bias=${c.bias !== null} s=${JSON.stringify(c.stride)} p=${JSON.stringify(c.padding)} d=${JSON.stringify(c.dilation)} g=${c.groups}`,
}));

describe('conv2d matches PyTorch', () => {
  it.each(convCases)('$name', (c) => {
    const x = leaf(c.input, true);
    const w = leaf(c.weight, true);
    const b = c.bias === null ? null : leaf(c.bias, true);
    const y = conv2d(x, w, b, {
      stride: c.stride,
      padding: padding(c.padding),
      dilation: c.dilation,
      groups: c.groups,
    });
    expectCloseToTorch(y, c.output, 'output');
    y.backward(leaf(c.upstream));
    expectCloseToTorch(x.grad, c.grad_input, 'grad_input');
    expectCloseToTorch(w.grad, c.grad_weight, 'grad_weight');
    if (b !== null) expectCloseToTorch(b.grad, c.grad_bias!, 'grad_bias');
  });
});

interface CorrCase {
  id: string;
  X: TorchJson;
  K: TorchJson;
  Y: TorchJson;
  upstream: TorchJson;
  grad_X: TorchJson;
  grad_K: TorchJson;
}
const twice = (j: TorchJson): TorchJson => ({ shape: j.shape, data: j.data.map((v) => 2 * v) });

describe('corr2d matches PyTorch', () => {
  it.each(
    load<CorrCase>('corr2d').map((c) => ({
      ...c,
      name: `${c.id} X=${JSON.stringify(c.X.shape)} K=${JSON.stringify(c.K.shape)}`,
    })),
  )('$name, and a second backward accumulates', (c) => {
    const X = leaf(c.X, true);
    const K = leaf(c.K, true);
    const Y = corr2d(X, K);
    expectCloseToTorch(Y, c.Y, 'Y');
    Y.backward(leaf(c.upstream));
    expectCloseToTorch(X.grad, c.grad_X, 'grad_X');
    expectCloseToTorch(K.grad, c.grad_K, 'grad_K');
    corr2d(X, K).backward(leaf(c.upstream));
    expectCloseToTorch(X.grad, twice(c.grad_X), 'grad_X after two backward passes');
    expectCloseToTorch(K.grad, twice(c.grad_K), 'grad_K after two backward passes');
  });
});

interface PoolCase {
  id: string;
  kind: 'max' | 'avg';
  input: TorchJson;
  kernel_size: Hw;
  stride: Hw;
  padding: Hw;
  output: TorchJson;
  upstream: TorchJson;
  grad_input: TorchJson;
}
const poolCases = load<PoolCase>('pool2d').map((c) => ({
  ...c,
  name: `${c.id} ${c.kind} x=${JSON.stringify(c.input.shape)} k=${JSON.stringify(c.kernel_size)} s=${JSON.stringify(c.stride)} p=${JSON.stringify(c.padding)}`,
}));

describe('pooling matches PyTorch', () => {
  it.each(poolCases)('$name', (c) => {
    const x = leaf(c.input, true);
    const pool = c.kind === 'max' ? maxPool2d : avgPool2d;
    const y = pool(x, c.kernel_size, { stride: c.stride, padding: c.padding });
    expectCloseToTorch(y, c.output, 'output');
    y.backward(leaf(c.upstream));
    expectCloseToTorch(x.grad, c.grad_input, 'grad_input');
  });
});

interface ShapeCase {
  id: string;
  input_hw: Hw;
  kernel_hw: Hw;
  padding: Hw | 'same' | 'valid';
  stride: Hw;
  dilation: Hw;
  output_hw: Hw;
}
const shapeCases = load<ShapeCase>('shapes').map((c) => ({
  ...c,
  name: `${c.id} in=${c.input_hw.join('x')} k=${c.kernel_hw.join('x')} p=${JSON.stringify(c.padding)} s=${JSON.stringify(c.stride)} d=${JSON.stringify(c.dilation)} -> ${c.output_hw.join('x')}`,
}));

describe('conv2d output shapes match PyTorch', () => {
  it.each(shapeCases)('$name', (c) => {
    const zeros = (shape: number[]) =>
      Tensor.internal(new Float32Array(shape.reduce((a, b) => a * b, 1)), shape, false);
    const y = conv2d(zeros([1, 1, ...c.input_hw]), zeros([1, 1, ...c.kernel_hw]), null, {
      padding: padding(c.padding),
      stride: c.stride,
      dilation: c.dilation,
    });
    expect(y.shape.slice(2)).toEqual(c.output_hw);
  });
});
