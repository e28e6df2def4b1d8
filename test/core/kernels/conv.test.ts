// The raw kernels (direct loops and im2col + GEMM, each path forced) against the naive 7-loop
// definition in naive.ts, on random geometries drawn by fast-check.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convGeometry } from '../../../core/src/conv/geometry.ts';
import {
  conv2dBackwardInputKernel,
  conv2dBackwardWeightKernel,
  conv2dForwardKernel,
  chooseKernel,
  type ConvPath,
} from '../../../core/src/kernels/conv.ts';
import { setSimdKernelsDisabled } from '../../../core/src/kernels/wasm/simdKernels.ts';
import { gemm, gemmNT } from '../../../core/src/kernels/gemm.ts';
import {
  assertClose,
  naiveConvForward,
  naiveConvGradInput,
  naiveConvGradWeight,
  naiveGeometry,
  naiveMatmul,
  naiveOutSize,
  samePad,
  seededValues,
  type NaiveConv,
} from '../conv/naive.ts';

/** A random valid convolution: the input is always at least as large as the dilated kernel minus padding. */
const convConfig = fc
  .record({
    batch: fc.integer({ min: 1, max: 2 }),
    groups: fc.integer({ min: 1, max: 3 }),
    inPerGroup: fc.integer({ min: 1, max: 3 }),
    outPerGroup: fc.integer({ min: 1, max: 4 }),
    // 3x3, stride 1 and dilation 1 are drawn often: they have their own fused loops
    kernelHeight: fc.oneof(fc.constant(3), fc.integer({ min: 1, max: 4 })),
    kernelWidth: fc.oneof(fc.constant(3), fc.integer({ min: 1, max: 5 })),
    stride: fc.oneof(
      fc.constant<[number, number]>([1, 1]),
      fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
    ),
    dilation: fc.oneof(
      fc.constant<[number, number]>([1, 1]),
      fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 })),
    ),
    padding: fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 })),
    same: fc.boolean(),
    extra: fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 7 })),
    seed: fc.integer({ min: 1, max: 1 << 30 }),
  })
  .map((r) => {
    const effH = r.dilation[0] * (r.kernelHeight - 1) + 1;
    const effW = r.dilation[1] * (r.kernelWidth - 1) + 1;
    const stride: [number, number] = r.same ? [1, 1] : r.stride;
    // 'same' pads d(k-1) in total, the odd pixel at the bottom / right, as PyTorch does
    const pad: [number, number, number, number] = r.same
      ? samePad(effH, effW)
      : [r.padding[0], r.padding[0], r.padding[1], r.padding[1]];
    const naive: NaiveConv = {
      batch: r.batch,
      inChannels: r.groups * r.inPerGroup,
      height: Math.max(1, effH - pad[0] - pad[1]) + r.extra[0],
      width: Math.max(1, effW - pad[2] - pad[3]) + r.extra[1],
      outChannels: r.groups * r.outPerGroup,
      kernelHeight: r.kernelHeight,
      kernelWidth: r.kernelWidth,
      stride,
      pad,
      dilation: r.dilation,
      groups: r.groups,
    };
    const geometry = naiveGeometry(naive, r.same ? 'same' : r.padding);
    return { naive, geometry, seed: r.seed };
  });

describe('conv kernels agree with the naive 7-loop definition', () => {
  it.each(['direct', 'direct-wasm', 'gemm-js', 'gemm-wasm'] as ConvPath[])(
    'path %s: forward (with bias), input gradient and weight gradient',
    (path) => {
      fc.assert(
        fc.property(convConfig, ({ naive, geometry, seed }) => {
          const [OH, OW] = naiveOutSize(naive);
          expect([geometry.outHeight, geometry.outWidth]).toEqual([OH, OW]);
          const x = seededValues(naive.batch * naive.inChannels * naive.height * naive.width, seed);
          const w = seededValues(
            (naive.outChannels * naive.inChannels * naive.kernelHeight * naive.kernelWidth) / naive.groups,
            seed + 1,
          );
          const bias = seededValues(naive.outChannels, seed + 2);
          const outLength = naive.batch * naive.outChannels * OH * OW;
          const gy = seededValues(outLength, seed + 3);

          const y = new Float32Array(outLength);
          conv2dForwardKernel(x, w, bias, y, geometry, path);
          const want = naiveConvForward(naive, x, w);
          for (let i = 0; i < outLength; i++) want[i] += bias[Math.floor(i / (OH * OW)) % naive.outChannels];
          assertClose(y, want, `${path} forward`);

          const gx = new Float32Array(x.length);
          conv2dBackwardInputKernel(gy, w, gx, geometry, path);
          assertClose(gx, naiveConvGradInput(naive, gy, w, x.length), `${path} input gradient`);

          const gw = new Float32Array(w.length);
          conv2dBackwardWeightKernel(gy, x, gw, geometry, path);
          assertClose(gw, naiveConvGradWeight(naive, gy, x, w.length), `${path} weight gradient`);
        }),
        { numRuns: 200, seed: 20261126 },
      );
    },
  );

  const geometry = (c: number, oc: number, k: number) =>
    convGeometry({
      op: 't',
      batch: 1,
      inChannels: c,
      inHeight: 32,
      inWidth: 32,
      outChannels: oc,
      groups: 1,
      kernelHeight: k,
      kernelWidth: k,
      stride: 1,
      padding: 1,
      dilation: 1,
    });

  it('auto picks the wasm direct loops for one channel in and out, the wasm GEMM for more channels', () => {
    expect(chooseKernel(geometry(1, 1, 2), 'auto')).toBe('direct-wasm');
    expect(chooseKernel(geometry(1, 1, 3), 'auto')).toBe('direct-wasm');
    expect(chooseKernel(geometry(3, 16, 3), 'auto')).toBe('gemm-wasm');
    expect(chooseKernel(geometry(2, 2, 5), 'auto')).toBe('gemm-wasm');
    expect(chooseKernel(geometry(16, 32, 5), 'auto')).toBe('gemm-wasm');
    expect(chooseKernel(geometry(16, 32, 5), 'direct')).toBe('direct');
  });

  it('without WebAssembly, auto picks direct loops for small channels and 3x3 (fused), the JS GEMM for larger kernels over many channels', () => {
    setSimdKernelsDisabled(true);
    try {
      expect(chooseKernel(geometry(1, 1, 2), 'auto')).toBe('direct');
      expect(chooseKernel(geometry(1, 1, 3), 'auto')).toBe('direct');
      expect(chooseKernel(geometry(3, 16, 3), 'auto')).toBe('direct');
      expect(chooseKernel(geometry(2, 2, 5), 'auto')).toBe('direct');
      expect(chooseKernel(geometry(16, 32, 5), 'auto')).toBe('gemm-js');
      expect(chooseKernel(geometry(16, 32, 5), 'direct')).toBe('direct');
    } finally {
      setSimdKernelsDisabled(false);
    }
  });
});

describe('GEMM kernels agree with a naive matrix product', () => {
  const sizes = fc.record({
    M: fc.integer({ min: 1, max: 9 }),
    N: fc.integer({ min: 1, max: 600 }),
    K: fc.integer({ min: 1, max: 70 }),
    seed: fc.integer({ min: 1, max: 1 << 30 }),
  });

  it('gemm: C = A·B, C += A·B and C = Aᵀ·B, inside larger arrays at offsets', () => {
    fc.assert(
      fc.property(sizes, ({ M, N, K, seed }) => {
        const a = seededValues(3 + M * K, seed);
        const b = seededValues(5 + K * N, seed + 1);
        const product = naiveMatmul(
          M,
          N,
          K,
          (i, k) => a[3 + i * K + k],
          (k, j) => b[5 + k * N + j],
        );
        const c = seededValues(2 + M * N, seed + 2);
        gemm(M, N, K, a, 3, K, 1, b, 5, c, 2, false);
        assertClose(c.subarray(2), product, 'C = A·B');

        const before = seededValues(M * N, seed + 3);
        const acc = Float32Array.from(before);
        gemm(M, N, K, a, 3, K, 1, b, 5, acc, 0, true);
        assertClose(
          acc,
          product.map((v, i) => v + before[i]),
          'C += A·B',
        );

        // the same A values read as the transpose of a [K, M] matrix
        const at = new Float32Array(K * M);
        for (let i = 0; i < M; i++) for (let k = 0; k < K; k++) at[k * M + i] = a[3 + i * K + k];
        const t = new Float32Array(M * N);
        gemm(M, N, K, at, 0, 1, M, b, 5, t, 0, false);
        assertClose(t, product, 'C = Aᵀ·B');
      }),
      { numRuns: 60, seed: 7 },
    );
  });

  it('gemmNT: C += A·Bᵀ with dot products longer than one block', () => {
    fc.assert(
      fc.property(
        fc.record({
          M: fc.integer({ min: 1, max: 7 }),
          N: fc.integer({ min: 1, max: 11 }),
          K: fc.integer({ min: 1, max: 5000 }),
          seed: fc.integer({ min: 1, max: 1 << 30 }),
        }),
        ({ M, N, K, seed }) => {
          const a = seededValues(M * K, seed);
          const b = seededValues(1 + N * K, seed + 1);
          const before = seededValues(M * N, seed + 2);
          const c = Float32Array.from(before);
          gemmNT(M, N, K, a, 0, b, 1, c, 0);
          const product = naiveMatmul(
            M,
            N,
            K,
            (i, k) => a[i * K + k],
            (k, j) => b[1 + j * K + k],
          );
          assertClose(
            c,
            product.map((v, i) => v + before[i]),
            'C += A·Bᵀ',
            1e-3,
            1e-4,
          );
        },
      ),
      { numRuns: 40, seed: 11 },
    );
  });
});
