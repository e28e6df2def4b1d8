// fast-check properties of broadcasting, reductions and permutations against the naive references,
// over random shapes of up to 4 dims.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { tensor, type Tensor } from '../../../core/src/index.ts';
import { expectTensorClose, naiveBinary, naivePermute, naiveSum } from './naive.ts';

const count = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);
const filled = (shape: number[], seed: number): Tensor =>
  tensor(
    Float32Array.from({ length: count(shape) }, (_, i) => Math.sin(seed + i * 1.7) * 3),
    { shape },
  );

const shapeArb = fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 0, maxLength: 4 });

/** A shape and another that broadcasts with it: a suffix of it with some sizes replaced by 1. */
const broadcastPair = shapeArb.chain((shape) =>
  fc
    .tuple(
      fc.integer({ min: 0, max: shape.length }),
      fc.array(fc.boolean(), { minLength: shape.length, maxLength: shape.length }),
      fc.boolean(),
    )
    .map(([drop, ones, swap]): [number[], number[]] => {
      const other = shape.slice(drop).map((s, i) => (ones[i + drop] ? 1 : s));
      return swap ? [other, shape] : [shape, other];
    }),
);

describe('properties', () => {
  it('add and mul of broadcastable shapes equal the naive broadcast', () => {
    fc.assert(
      fc.property(broadcastPair, fc.integer({ min: 0, max: 1000 }), ([sa, sb], seed) => {
        const a = filled(sa, seed);
        const b = filled(sb, seed + 1);
        expectTensorClose(
          a.add(b),
          naiveBinary(a, b, (x, y) => x + y),
        );
        expectTensorClose(
          a.mul(b),
          naiveBinary(a, b, (x, y) => x * y),
        );
      }),
      { numRuns: 150 },
    );
  });

  it('the gradient of sum(a + b) counts, for each value of b, how many outputs it reached', () => {
    fc.assert(
      fc.property(broadcastPair, ([sa, sb]) => {
        const a = tensor(new Float32Array(count(sa)), { shape: sa, requiresGrad: true });
        const b = tensor(new Float32Array(count(sb)), { shape: sb, requiresGrad: true });
        const y = a.add(b);
        y.sum().backward();
        const reachedA = y.data.length / Math.max(a.data.length, 1);
        const reachedB = y.data.length / Math.max(b.data.length, 1);
        expectTensorClose(a.grad!, tensor(new Float32Array(a.data.length).fill(reachedA), { shape: sa }));
        expectTensorClose(b.grad!, tensor(new Float32Array(b.data.length).fill(reachedB), { shape: sb }));
      }),
      { numRuns: 100 },
    );
  });

  it('sum over any subset of dims equals the naive sum, with and without keepdim', () => {
    const arb = shapeArb.chain((shape) =>
      fc.tuple(fc.constant(shape), fc.subarray(shape.map((_, d) => d)), fc.boolean()),
    );
    fc.assert(
      fc.property(arb, ([shape, dims, keepdim]) => {
        const x = filled(shape, 3);
        const got = dims.length === 0 ? x.sum(undefined, keepdim) : x.sum(dims, keepdim);
        const all = dims.length === 0 ? shape.map((_, d) => d) : dims;
        expectTensorClose(got, naiveSum(x, all, keepdim), 1e-5);
      }),
      { numRuns: 150 },
    );
  });

  it('permute by any permutation equals the naive permutation, and permuting back restores x', () => {
    const arb = shapeArb.chain((shape) =>
      fc.tuple(
        fc.constant(shape),
        fc.shuffledSubarray(
          shape.map((_, d) => d),
          { minLength: shape.length },
        ),
      ),
    );
    fc.assert(
      fc.property(arb, ([shape, perm]) => {
        const x = filled(shape, 5);
        const y = x.permute(perm);
        expectTensorClose(y, naivePermute(x, perm));
        const inverse = perm.map((_, k) => perm.indexOf(k));
        expectTensorClose(y.permute(inverse), x);
      }),
      { numRuns: 150 },
    );
  });
});
