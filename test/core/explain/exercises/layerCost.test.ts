import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { layerCost } from '../../../../core/src/explain/exercises/layerCost.ts';
import { expectClose, leaf, randomValues, avgPool2d, conv2d, maxPool2d } from '../reference.ts';

/**
 * A naive convolution with its gradients that counts every multiply-add it performs. Its values are
 * checked against the core's conv2d and autograd, so the counts are those of a correct dense conv.
 */
function countingConv(
  n: number,
  c: number,
  h: number,
  w: number,
  co: number,
  kh: number,
  kw: number,
  p: number,
  s: number,
  groups: number,
  seed: number,
) {
  const x = randomValues(n * c * h * w, seed);
  const cg = c / groups;
  const weight = randomValues(co * cg * kh * kw, seed + 1);
  const oh = Math.floor((h + 2 * p - kh) / s) + 1;
  const ow = Math.floor((w + 2 * p - kw) / s) + 1;
  const dy = randomValues(n * co * oh * ow, seed + 2);
  const y = new Float64Array(n * co * oh * ow);
  const dx = new Float64Array(x.length);
  const dw = new Float64Array(weight.length);
  let forward = 0;
  let backward = 0;
  const opg = co / groups;
  for (let b = 0; b < n; b++)
    for (let o = 0; o < co; o++)
      for (let i = 0; i < oh; i++)
        for (let j = 0; j < ow; j++)
          for (let ci = 0; ci < cg; ci++)
            for (let a = 0; a < kh; a++)
              for (let e = 0; e < kw; e++) {
                const r = i * s + a - p;
                const col = j * s + e - p;
                const inC = Math.floor(o / opg) * cg + ci;
                const xi = ((b * c + inC) * h + r) * w + col;
                const xv = r >= 0 && r < h && col >= 0 && col < w ? x[xi] : 0;
                const wi = ((o * cg + ci) * kh + a) * kw + e;
                const yi = ((b * co + o) * oh + i) * ow + j;
                y[yi] += xv * weight[wi];
                forward++;
                if (r >= 0 && r < h && col >= 0 && col < w) dx[xi] += dy[yi] * weight[wi];
                dw[wi] += dy[yi] * xv;
                backward += 2;
              }
  return { x, weight, dy, y, dx, dw, forward, backward, oh, ow };
}

describe('layer cost', () => {
  it('conv: multiply-adds forward and backward equal the counts of a naive conv (checked against conv2d and autograd); bytes equal the tensors', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 }),
        fc.constantFrom(1, 2),
        fc.integer({ min: 1, max: 2 }),
        fc.integer({ min: 1, max: 2 }),
        fc.integer({ min: 4, max: 6 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 1 }),
        fc.integer({ min: 1, max: 2 }),
        fc.integer({ min: 1, max: 1000 }),
        (n, groups, cMul, oMul, h, k, p, s, seed) => {
          const c = groups * cMul;
          const co = groups * oMul;
          const run = countingConv(n, c, h, h + 1, co, k, k, p, s, groups, seed);
          const xt = leaf(run.x, [n, c, h, h + 1], true);
          const wt = leaf(run.weight, [co, c / groups, k, k], true);
          const bt = leaf(new Float64Array(co), [co], true);
          const yt = conv2d(xt, wt, bt, { padding: p, stride: s, groups });
          expectClose(run.y, yt.data, 1e-4, 'naive y');
          yt.backward(leaf(run.dy, yt.shape));
          expectClose(run.dx, xt.grad!.data, 1e-4, 'naive dx');
          expectClose(run.dw, wt.grad!.data, 1e-4, 'naive dw');
          const cost = layerCost({
            kind: 'conv',
            batch: n,
            inChannels: c,
            outChannels: co,
            height: h,
            width: h + 1,
            kernel: k,
            padding: p,
            stride: s,
            groups,
          });
          expect(cost.outputShape).toEqual(yt.shape);
          expect(cost.forward.multiplyAdds).toBe(run.forward);
          expect(cost.backward.multiplyAdds).toBe(run.backward);
          expect(cost.forward.otherOps).toBe(yt.data.length); // one bias addition per output value
          expect(cost.forward.totalBytes).toBe(
            4 * (xt.data.length + wt.data.length + bt.data.length + yt.data.length),
          );
          expect(cost.backward.totalBytes).toBe(
            4 * (2 * xt.data.length + 2 * (wt.data.length + bt.data.length) + yt.data.length),
          );
          expect(cost.parameters).toBe(wt.data.length + bt.data.length);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('pooling: the output shape is the core pool output shape, one operation per window cell forward', () => {
    const x = leaf(randomValues(2 * 3 * 7 * 8, 1), [2, 3, 7, 8]);
    for (const kind of ['maxPool', 'avgPool'] as const) {
      const y = (kind === 'maxPool' ? maxPool2d : avgPool2d)(x, 3, { stride: 2, padding: 1 });
      const cost = layerCost({
        kind,
        batch: 2,
        channels: 3,
        height: 7,
        width: 8,
        window: 3,
        stride: 2,
        padding: 1,
      });
      expect(cost.outputShape).toEqual(y.shape);
      expect(cost.parameters).toBe(0);
      expect(cost.forward.multiplyAdds).toBe(0);
      expect(cost.forward.otherOps).toBe(y.data.length * 9);
      expect(cost.forward.totalBytes).toBe(4 * (x.data.length + y.data.length));
      expect(cost.backward.otherOps).toBe(kind === 'maxPool' ? y.data.length : y.data.length * 9);
    }
  });

  it('table D of the benchmark (8x3x128x128, 16 out, 3x3, padding 1): the summary states the counts', () => {
    const cost = layerCost({
      kind: 'conv',
      batch: 8,
      inChannels: 3,
      outChannels: 16,
      height: 128,
      width: 128,
      kernel: 3,
      padding: 1,
    });
    // 8·16·128·128 outputs, each 3·3·3 multiply-adds.
    expect(cost.forward.multiplyAdds).toBe(8 * 16 * 128 * 128 * 27);
    expect(cost.summary).toMatch(/^forward 56\.62M multiply-adds, .*backward 113\.25M multiply-adds/);
  });

  it('throws when channels do not divide by groups, a size is not a positive integer, the kernel does not fit, or the kind is unknown', () => {
    expect(() =>
      layerCost({ kind: 'conv', inChannels: 3, outChannels: 4, height: 8, width: 8, kernel: 3, groups: 2 }),
    ).toThrow('layerCost: in channels 3 and out channels 4 must both be divisible by groups 2');
    expect(() =>
      layerCost({ kind: 'conv', inChannels: 0, outChannels: 4, height: 8, width: 8, kernel: 3 }),
    ).toThrow('layerCost: in channels must be a positive integer, got 0');
    expect(() =>
      layerCost({ kind: 'conv', inChannels: 1, outChannels: 1, height: 2, width: 2, kernel: 3 }),
    ).toThrow('layerCost: kernel 3x3 is larger than the padded input 2x2');
    expect(() => layerCost({ kind: 'maxPool', channels: 1, height: 8, width: 8.5, window: 2 })).toThrow(
      'layerCost: width must be a positive integer, got 8.5',
    );
    expect(() => layerCost({ kind: 'dense' } as never)).toThrow(
      'layerCost: height must be a positive integer, got undefined',
    );
    expect(() => layerCost({ kind: 'dense', height: 2, width: 2 } as never)).toThrow(
      'layerCost: kind must be conv, maxPool or avgPool, got "dense"',
    );
  });
});
