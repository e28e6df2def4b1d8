// PyTorch 1.13 references for what the shared golden files do not cover (fixtures/make_extra.py):
// every pad mode, pooling with dilation / ceilMode / countIncludePad false, unbatched inputs, and
// convolutions large enough to take the im2col + GEMM path.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Tensor } from '../../../core/src/tensor.ts';
import {
  avgPool2d,
  conv2d,
  maxPool2d,
  pad,
  type Padding,
  type Pair,
  type PadModeName,
} from '../../../core/src/conv/index.ts';
import { chooseKernel } from '../../../core/src/kernels/conv.ts';
import { setSimdKernelsDisabled } from '../../../core/src/kernels/wasm/simdKernels.ts';
import { conv2dGeometry } from '../../../core/src/conv/conv2d.ts';
import { assertClose } from './naive.ts';

interface Json {
  shape: number[];
  data: number[];
}
interface Case {
  id: string;
  op: 'pad' | 'maxPool2d' | 'avgPool2d' | 'conv2d';
  input: Json;
  output: Json;
  upstream: Json;
  grad_input: Json;
  [key: string]: unknown;
}
const cases = (
  JSON.parse(readFileSync(new URL('./fixtures/extra.json', import.meta.url), 'utf8')) as { cases: Case[] }
).cases;
const leaf = (j: Json, requiresGrad = false) =>
  Tensor.internal(Float32Array.from(j.data), j.shape, requiresGrad);
const asPair = (p: unknown): Pair => (typeof p === 'number' ? p : [(p as number[])[0], (p as number[])[1]]);

function expectMatches(got: Tensor | null, want: Json, what: string): void {
  expect(got, what).not.toBeNull();
  expect(got!.shape, `${what} shape`).toEqual(want.shape);
  assertClose(got!.data, want.data, what);
}

/** The options a case was made with, for its test name. */
const CONFIG_KEYS = [
  'mode',
  'padding',
  'value',
  'kernel_size',
  'stride',
  'dilation',
  'ceil_mode',
  'count_include_pad',
  'groups',
];
const named = (ops: Case['op'][]): Array<Case & { name: string }> =>
  cases
    .filter((c) => ops.includes(c.op))
    .map((c) => {
      const config = Object.fromEntries(CONFIG_KEYS.filter((k) => k in c).map((k) => [k, c[k]]));
      return { ...c, name: `${c.id} ${c.op} x=${JSON.stringify(c.input.shape)} ${JSON.stringify(config)}` };
    });

describe('pad matches PyTorch', () => {
  it.each(named(['pad']))('$name', (c) => {
    const x = leaf(c.input, true);
    const y = pad(x, c.padding as [number, number, number, number], c.mode as PadModeName, c.value as number);
    expectMatches(y, c.output, 'output');
    y.backward(leaf(c.upstream));
    expectMatches(x.grad, c.grad_input, 'grad_input');
  });
});

describe('pooling options match PyTorch', () => {
  it.each(named(['maxPool2d', 'avgPool2d']))('$name', (c) => {
    const x = leaf(c.input, true);
    const stride = c.stride === null ? null : asPair(c.stride);
    const y =
      c.op === 'maxPool2d'
        ? maxPool2d(x, asPair(c.kernel_size), {
            stride,
            padding: asPair(c.padding),
            dilation: asPair(c.dilation),
            ceilMode: c.ceil_mode as boolean,
          })
        : avgPool2d(x, asPair(c.kernel_size), {
            stride,
            padding: asPair(c.padding),
            ceilMode: c.ceil_mode as boolean,
            countIncludePad: c.count_include_pad as boolean,
          });
    expectMatches(y, c.output, 'output');
    y.backward(leaf(c.upstream));
    expectMatches(x.grad, c.grad_input, 'grad_input');
  });
});

describe('larger convolutions match PyTorch', () => {
  it.each(named(['conv2d']))('$name', (c) => {
    const x = leaf(c.input, true);
    const w = leaf(c.weight as Json, true);
    const b = c.bias === null ? null : leaf(c.bias as Json, true);
    const options = {
      stride: asPair(c.stride),
      padding: (typeof c.padding === 'string' ? c.padding : asPair(c.padding)) as Padding,
      dilation: asPair(c.dilation),
      groups: c.groups as number,
    };
    const y = conv2d(x, w, b, options);
    expectMatches(y, c.output, 'output');
    y.backward(leaf(c.upstream));
    expectMatches(x.grad, c.grad_input, 'grad_input');
    expectMatches(w.grad, c.grad_weight as Json, 'grad_weight');
    if (b !== null) expectMatches(b.grad, c.grad_bias as Json, 'grad_bias');
  });

  // With WebAssembly every one of these multi-channel cases runs on the wasm GEMM; without it they
  // split between the direct loops and the JavaScript GEMM (both paths are also checked against the
  // naive definition in test/core/kernels/conv.test.ts, and wasm against the JS GEMM in test/core/kernels/wasm/simdGemm.test.ts).
  it('includes cases on both kernel paths of the JavaScript fallback', () => {
    setSimdKernelsDisabled(true);
    try {
      const paths = named(['conv2d']).map((c) =>
        chooseKernel(
          conv2dGeometry(c.input.shape, (c.weight as Json).shape, {
            groups: c.groups as number,
            dilation: asPair(c.dilation),
            stride: asPair(c.stride),
            padding: (typeof c.padding === 'string' ? c.padding : asPair(c.padding)) as Padding,
          }),
          'auto',
        ),
      );
      expect(new Set(paths)).toEqual(new Set(['direct', 'gemm-js']));
    } finally {
      setSimdKernelsDisabled(false);
    }
  });
});
