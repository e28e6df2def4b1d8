// Properties of the public conv2d: its output shape follows PyTorch's formula, it is linear in the
// input and in the weight, and it equals the textbook's im2col + matrix-product form.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Tensor } from '../../../core/src/tensor.ts';
import { conv2d, conv2dOutputShape } from '../../../core/src/conv/index.ts';
import { assertClose, naiveConvAsMatmul, seededValues, type NaiveConv } from './naive.ts';

const leaf = (data: Float32Array, shape: number[]) => Tensor.internal(data, shape, false);

/** f(a u + b v) = a f(u) + b f(v), within float32 tolerance. */
function expectLinear(
  f: (values: Float32Array) => ArrayLike<number>,
  u: Float32Array,
  v: Float32Array,
  a: number,
  b: number,
  what: string,
): void {
  const fu = f(u);
  const fv = f(v);
  const mixed = f(Float32Array.from(u, (value, i) => a * value + b * v[i]));
  assertClose(
    mixed,
    Float64Array.from(fu, (value, i) => a * value + b * fv[i]),
    what,
    1e-3,
    1e-3,
  );
}

/** A random valid conv2d call: shapes, options, and the same configuration for the naive code. */
const call = fc
  .record({
    batch: fc.integer({ min: 1, max: 2 }),
    groups: fc.integer({ min: 1, max: 2 }),
    inPerGroup: fc.integer({ min: 1, max: 3 }),
    outPerGroup: fc.integer({ min: 1, max: 5 }),
    kernel: fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 })),
    stride: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
    dilation: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
    padding: fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 })),
    extra: fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 })),
    seed: fc.integer({ min: 1, max: 1 << 30 }),
  })
  .map((r) => {
    const [kh, kw] = r.kernel;
    const effH = r.dilation[0] * (kh - 1) + 1;
    const effW = r.dilation[1] * (kw - 1) + 1;
    const H = Math.max(1, effH - 2 * r.padding[0]) + r.extra[0];
    const W = Math.max(1, effW - 2 * r.padding[1]) + r.extra[1];
    const C = r.groups * r.inPerGroup;
    const OC = r.groups * r.outPerGroup;
    const naive: NaiveConv = {
      batch: r.batch,
      inChannels: C,
      height: H,
      width: W,
      outChannels: OC,
      kernelHeight: kh,
      kernelWidth: kw,
      stride: r.stride,
      pad: [r.padding[0], r.padding[0], r.padding[1], r.padding[1]],
      dilation: r.dilation,
      groups: r.groups,
    };
    return {
      naive,
      inputShape: [r.batch, C, H, W],
      weightShape: [OC, r.inPerGroup, kh, kw],
      options: { stride: r.stride, padding: r.padding, dilation: r.dilation, groups: r.groups },
      seed: r.seed,
    };
  });

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

describe('conv2d properties', () => {
  it('output shape is floor((H + 2p - d(k - 1) - 1) / s) + 1 per side, batch and out channels kept', () => {
    fc.assert(
      fc.property(call, ({ inputShape, weightShape, options }) => {
        const [N, , H, W] = inputShape;
        const [OC, , kh, kw] = weightShape;
        const side = (n: number, p: number, d: number, k: number, s: number) =>
          Math.floor((n + 2 * p - d * (k - 1) - 1) / s) + 1;
        const want = [
          N,
          OC,
          side(H, options.padding[0], options.dilation[0], kh, options.stride[0]),
          side(W, options.padding[1], options.dilation[1], kw, options.stride[1]),
        ];
        const y = conv2d(
          leaf(new Float32Array(size(inputShape)), inputShape),
          leaf(new Float32Array(size(weightShape)), weightShape),
          null,
          options,
        );
        expect(y.shape).toEqual(want);
        expect(conv2dOutputShape(inputShape, weightShape, options)).toEqual(want);
      }),
      { numRuns: 200, seed: 1 },
    );
  });

  it('is linear in its input: conv(a x + b y) = a conv(x) + b conv(y)', () => {
    fc.assert(
      fc.property(
        call,
        fc.double({ min: -3, max: 3, noNaN: true }),
        fc.double({ min: -3, max: 3, noNaN: true }),
        (c, a, b) => {
          const x = seededValues(size(c.inputShape), c.seed);
          const y = seededValues(size(c.inputShape), c.seed + 1);
          const w = leaf(seededValues(size(c.weightShape), c.seed + 2), c.weightShape);
          const conv = (input: Float32Array) => conv2d(leaf(input, c.inputShape), w, null, c.options).data;
          expectLinear(conv, x, y, a, b, 'conv(a x + b y)');
        },
      ),
      { numRuns: 100, seed: 2 },
    );
  });

  it('is linear in its weight: conv(x, a v + b w) = a conv(x, v) + b conv(x, w)', () => {
    fc.assert(
      fc.property(
        call,
        fc.double({ min: -3, max: 3, noNaN: true }),
        fc.double({ min: -3, max: 3, noNaN: true }),
        (c, a, b) => {
          const x = leaf(seededValues(size(c.inputShape), c.seed), c.inputShape);
          const v = seededValues(size(c.weightShape), c.seed + 1);
          const w = seededValues(size(c.weightShape), c.seed + 2);
          const conv = (weight: Float32Array) => conv2d(x, leaf(weight, c.weightShape), null, c.options).data;
          expectLinear(conv, v, w, a, b, 'conv(x, a v + b w)');
        },
      ),
      { numRuns: 100, seed: 3 },
    );
  });

  it('equals its im2col / matrix-product form', () => {
    fc.assert(
      fc.property(call, (c) => {
        const x = seededValues(size(c.inputShape), c.seed);
        const w = seededValues(size(c.weightShape), c.seed + 1);
        const got = conv2d(leaf(x, c.inputShape), leaf(w, c.weightShape), null, c.options).data;
        assertClose(got, naiveConvAsMatmul(c.naive, x, w), 'conv2d vs im2col matmul');
      }),
      { numRuns: 150, seed: 4 },
    );
  });
});
