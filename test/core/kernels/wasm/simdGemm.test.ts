// The WebAssembly module (core/wasm/simdKernels.wat): its GEMM against a naive triple loop, its im2col and
// col2im against im2col.ts's, the convolutions on it against the JavaScript GEMM path, and the
// fallback to JavaScript where WebAssembly cannot run.
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { convGeometry } from '../../../../core/src/conv/geometry.ts';
import { chooseKernel, type ConvPath } from '../../../../core/src/kernels/conv.ts';
import { col2im, im2col } from '../../../../core/src/kernels/im2col.ts';
import {
  layout,
  packFloats,
  setSimdKernelsDisabled,
  wasmCol2im,
  wasmGemm,
  wasmHeap,
  wasmIm2col,
} from '../../../../core/src/kernels/wasm/simdKernels.ts';
import { windowRanges } from '../../../../core/src/kernels/windowRanges.ts';
import {
  assertClose,
  naiveConvForward,
  naiveConvGradInput,
  naiveConvGradWeight,
  naiveGeometry,
  naiveMatmul,
  seededValues,
  type NaiveConv,
} from '../../conv/naive.ts';
import { runConvPasses } from '../convPasses.ts';

afterEach(() => {
  setSimdKernelsDisabled(false);
  vi.unstubAllGlobals();
  vi.resetModules();
});

/** Sizes around the 4 x 8 tile and the 256-deep K block, with the degenerate 1 drawn often. */
const dimension = (blockEdge: number) =>
  fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 2 * blockEdge + 3 }), fc.integer({ min: 1, max: 70 }));

describe('wasmGemm agrees with a naive triple loop', () => {
  it('M, N, K of random sizes, A and B plain or transposed, C overwritten or accumulated', () => {
    fc.assert(
      fc.property(
        dimension(4),
        dimension(8),
        fc.oneof(dimension(4), fc.integer({ min: 250, max: 600 })),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 1, max: 1 << 30 }),
        (M, N, K, transposeA, transposeB, accumulate, ldcExtra, seed) => {
          const A = seededValues(M * K, seed);
          const B = seededValues(K * N, seed + 1);
          const ldc = N + ldcExtra;
          const C0 = seededValues(M * ldc, seed + 2);
          const {
            offsets: [a, b, c, pack],
            total,
          } = layout([A.length, B.length, C0.length, packFloats(M, K)]);
          const heap = wasmHeap(total);
          if (heap === null) throw new Error('WebAssembly should be available in Node 20');
          heap.set(A, a);
          heap.set(B, b);
          heap.set(C0, c);
          // A stored [M, K] or (transposed) [K, M]; B stored [K, N] or [N, K]
          const [aRs, aCs] = transposeA ? [1, M] : [K, 1];
          const [bRs, bCs] = transposeB ? [1, K] : [N, 1];
          wasmGemm(M, N, K, a, aRs, aCs, b, bRs, bCs, c, ldc, accumulate, pack);
          const want = naiveMatmul(
            M,
            N,
            K,
            (i, k) => A[i * aRs + k * aCs],
            (k, j) => B[k * bRs + j * bCs],
          );
          const got = heap.slice(c, c + M * ldc);
          for (let i = 0; i < M; i++) {
            for (let j = 0; j < ldc; j++) {
              const before = C0[i * ldc + j];
              // columns past N (the row padding of C) stay untouched
              const expected = j >= N ? before : want[i * N + j] + (accumulate ? before : 0);
              const tolerance = 1e-6 * (K + 1) * 4;
              if (!(Math.abs(got[i * ldc + j] - expected) <= tolerance)) {
                throw new Error(
                  `M=${M} N=${N} K=${K} C[${i}, ${j}]: got ${got[i * ldc + j]}, want ${expected}`,
                );
              }
            }
          }
        },
      ),
      { numRuns: 300, seed: 20261126 },
    );
  });
});

interface ConvCase {
  naive: NaiveConv;
  seed: number;
}

/** Random convolutions, 1 to 12 channels in and 1 to 18 out, for the forced `gemm-wasm` path. */
const convCase: fc.Arbitrary<ConvCase> = fc
  .record({
    batch: fc.integer({ min: 1, max: 2 }),
    groups: fc.integer({ min: 1, max: 2 }),
    inPerGroup: fc.integer({ min: 1, max: 6 }),
    outPerGroup: fc.integer({ min: 1, max: 9 }),
    kernel: fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 })),
    stride: fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 })),
    dilation: fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 })),
    padding: fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 })),
    // at least the largest dilated kernel (2 * 4 + 1)
    size: fc.tuple(fc.integer({ min: 9, max: 21 }), fc.integer({ min: 9, max: 21 })),
    seed: fc.integer({ min: 1, max: 1 << 30 }),
  })
  .map((r) => ({
    naive: {
      batch: r.batch,
      inChannels: r.groups * r.inPerGroup,
      height: r.size[0],
      width: r.size[1],
      outChannels: r.groups * r.outPerGroup,
      kernelHeight: r.kernel[0],
      kernelWidth: r.kernel[1],
      stride: r.stride,
      pad: [r.padding[0], r.padding[0], r.padding[1], r.padding[1]],
      dilation: r.dilation,
      groups: r.groups,
    },
    seed: r.seed,
  }));

const describeCase = (c: NaiveConv) =>
  `x=[${c.batch},${c.inChannels},${c.height},${c.width}] w=[${c.outChannels},${c.kernelHeight}x${c.kernelWidth}] ` +
  `s=${c.stride} d=${c.dilation} p=${c.pad} groups=${c.groups}`;

describe('wasm im2col and col2im equal im2col.ts', () => {
  it('random geometries (strides 1 to 3, dilation, padding, groups) and random bands of output rows', () => {
    fc.assert(
      fc.property(convCase, fc.nat(), fc.nat(), ({ naive, seed }, bandA, bandB) => {
        const g = naiveGeometry(naive);
        const K = g.inChannelsPerGroup * g.kernelHeight * g.kernelWidth;
        const ohStart = bandA % g.outHeight;
        const ohEnd = ohStart + 1 + (bandB % (g.outHeight - ohStart));
        const band = (ohEnd - ohStart) * g.outWidth;
        const x = seededValues(naive.batch * naive.inChannels * naive.height * naive.width, seed);
        const gradX0 = seededValues(x.length, seed + 1);
        const colIn = seededValues(K * band, seed + 2);
        const {
          offsets: [xAt, colAt, gradXAt],
          total,
        } = layout([x.length, K * band, x.length]);
        const heap = wasmHeap(total + 16)!;
        const ranges = windowRanges(g);
        const n = naive.batch - 1;
        const group = naive.groups - 1;
        const plane = (n * g.inChannels + group * g.inChannelsPerGroup) * g.inHeight * g.inWidth;
        const what = `${describeCase(naive)} rows [${ohStart}, ${ohEnd})`;

        heap.set(x, xAt);
        heap.fill(Number.NaN, colAt, colAt + K * band); // every value must be written
        wasmIm2col(xAt + plane, colAt, g, ohStart, ohEnd);
        const want = new Float32Array(K * band);
        im2col(x, n, group, want, g, ranges, ohStart, ohEnd);
        expect(heap.slice(colAt, colAt + K * band), `${what} im2col`).toEqual(want);

        heap.set(colIn, colAt);
        heap.set(gradX0, gradXAt);
        wasmCol2im(colAt, gradXAt + plane, g, ohStart, ohEnd);
        const gradX = gradX0.slice();
        col2im(colIn, n, group, gradX, g, ranges, ohStart, ohEnd);
        assertClose(heap.slice(gradXAt, gradXAt + x.length), gradX, `${what} col2im`, 1e-6, 1e-6);
      }),
      { numRuns: 300, seed: 20261128 },
    );
  });
});

describe('conv2d on the wasm GEMM equals conv2d on the JavaScript GEMM', () => {
  it('forward with bias, input gradient and weight gradient, random shapes', () => {
    let wasmRuns = 0;
    fc.assert(
      fc.property(convCase, ({ naive, seed }) => {
        const wasm = runConvPasses(naive, naiveGeometry(naive), seed, 'gemm-wasm');
        const js = runConvPasses(naive, naiveGeometry(naive), seed, 'gemm-js');
        expect(chooseKernel(wasm.g, 'gemm-wasm')).toBe('gemm-wasm');
        wasmRuns++;
        const what = describeCase(naive);
        assertClose(wasm.y, js.y, `${what} forward`);
        assertClose(wasm.gx, js.gx, `${what} input gradient`);
        assertClose(wasm.gw, js.gw, `${what} weight gradient`);
      }),
      { numRuns: 120, seed: 20261127 },
    );
    expect(wasmRuns).toBe(120);
  });

  it.each([
    { x: [2, 16, 24, 24], out: 8, stride: 1 },
    { x: [1, 16, 40, 40], out: 12, stride: 2 },
    { x: [1, 3, 128, 128], out: 16, stride: 1 },
  ])('x=$x out=$out 5x5 s=$stride p=2: col built in several bands of output rows', ({ x, out, stride }) => {
    const naive: NaiveConv = {
      batch: x[0],
      inChannels: x[1],
      height: x[2],
      width: x[3],
      outChannels: out,
      kernelHeight: 5,
      kernelWidth: 5,
      stride: [stride, stride],
      pad: [2, 2, 2, 2],
      dilation: [1, 1],
      groups: 1,
    };
    const wasm = runConvPasses(naive, naiveGeometry(naive), 5, 'gemm-wasm');
    // more than one band: a band holds at most 65536 col values
    expect(naive.inChannels * 25 * wasm.g.outHeight * wasm.g.outWidth).toBeGreaterThan(2 * 65536);
    const js = runConvPasses(naive, naiveGeometry(naive), 5, 'gemm-js');
    assertClose(wasm.y, js.y, 'forward');
    assertClose(wasm.gx, js.gx, 'input gradient');
    assertClose(wasm.gw, js.gw, 'weight gradient', 1e-3, 1e-4);
  });

  it('auto sends shape E (4,16,64,64 -> 32, 5x5, pad 2, stride 2) to the wasm GEMM', () => {
    const e = convGeometry({
      op: 'test',
      batch: 4,
      inChannels: 16,
      inHeight: 64,
      inWidth: 64,
      outChannels: 32,
      groups: 1,
      kernelHeight: 5,
      kernelWidth: 5,
      stride: 2,
      padding: 2,
      dilation: 1,
    });
    expect(chooseKernel(e, 'auto')).toBe('gemm-wasm');
    expect(chooseKernel(e, 'gemm-js')).toBe('gemm-js');
  });
});

/** x=[1,8,12,12] w=[8,3x3]: big enough for the wasm GEMM when WebAssembly is there. */
const fallbackCase: NaiveConv = {
  batch: 1,
  inChannels: 8,
  height: 12,
  width: 12,
  outChannels: 8,
  kernelHeight: 3,
  kernelWidth: 3,
  stride: [1, 1],
  pad: [1, 1, 1, 1],
  dilation: [1, 1],
  groups: 1,
};

/** The three results on `path` against the naive definition. */
function expectNaiveResults(run: ReturnType<typeof runConvPasses>, label: string): void {
  const c = fallbackCase;
  const want = naiveConvForward(c, run.x, run.w);
  const P = run.g.outHeight * run.g.outWidth;
  for (let i = 0; i < want.length; i++) want[i] += run.bias[Math.floor(i / P) % c.outChannels];
  assertClose(run.y, want, `${label} forward`);
  assertClose(run.gx, naiveConvGradInput(c, run.gy, run.w, run.x.length), `${label} input gradient`);
  const start = seededValues(run.w.length, 7 + 4);
  const gradW = naiveConvGradWeight(c, run.gy, run.x, run.w.length);
  for (let i = 0; i < gradW.length; i++) gradW[i] += start[i];
  assertClose(run.gw, gradW, `${label} weight gradient`);
}

describe('without WebAssembly the JavaScript paths run', () => {
  it('with the test hook disabling it: auto and gemm-wasm fall back, results still right', () => {
    const g = naiveGeometry(fallbackCase);
    expect(chooseKernel(g, 'auto')).toBe('gemm-wasm');
    setSimdKernelsDisabled(true);
    expect(chooseKernel(g, 'auto')).toBe('direct');
    expect(chooseKernel(g, 'gemm')).toBe('gemm-js');
    expect(chooseKernel(g, 'gemm-wasm')).toBe('gemm-js');
    expect(wasmHeap(16)).toBeNull();
    for (const path of ['auto', 'gemm-wasm'] as ConvPath[]) {
      expectNaiveResults(
        runConvPasses(fallbackCase, naiveGeometry(fallbackCase), 7, path),
        `disabled, ${path}`,
      );
    }
  });

  it('with no WebAssembly global (a fresh copy of the kernels)', async () => {
    vi.stubGlobal('WebAssembly', undefined);
    vi.resetModules();
    const conv = await import('../../../../core/src/kernels/conv.ts');
    expect(conv.chooseKernel(naiveGeometry(fallbackCase), 'gemm-wasm')).toBe('gemm-js');
  });

  it("when compiling throws, as under a CSP without 'wasm-unsafe-eval'", async () => {
    class RefusingModule {
      constructor() {
        throw new WebAssembly.CompileError(
          'WebAssembly.Module(): Wasm code generation disallowed by embedder',
        );
      }
    }
    vi.stubGlobal('WebAssembly', { ...WebAssembly, Module: RefusingModule });
    vi.resetModules();
    const conv = await import('../../../../core/src/kernels/conv.ts');
    const g = naiveGeometry(fallbackCase);
    expect(conv.chooseKernel(g, 'gemm-wasm')).toBe('gemm-js');
    expect(conv.chooseKernel(g, 'auto')).toBe('direct');
  });
});

describe('wasmGemm', () => {
  it('throws when WebAssembly is unavailable (and so do wasmIm2col and wasmCol2im)', () => {
    setSimdKernelsDisabled(true);
    expect(() => wasmGemm(1, 1, 1, 0, 1, 1, 0, 1, 1, 0, 1, false, 0)).toThrow(
      'wasmGemm: WebAssembly is unavailable; check wasmHeap() first',
    );
    const g = naiveGeometry(fallbackCase);
    expect(() => wasmIm2col(0, 0, g, 0, 1)).toThrow('wasmIm2col: WebAssembly is unavailable');
    expect(() => wasmCol2im(0, 0, g, 0, 1)).toThrow('wasmCol2im: WebAssembly is unavailable');
  });

  it('with K = 0 writes zeros, or leaves C as it was when accumulating', () => {
    const heap = wasmHeap(64)!;
    heap.fill(5, 0, 12);
    wasmGemm(2, 3, 0, 0, 0, 0, 0, 0, 0, 0, 4, true, 16);
    expect(Array.from(heap.subarray(0, 8))).toEqual([5, 5, 5, 5, 5, 5, 5, 5]);
    wasmGemm(2, 3, 0, 0, 0, 0, 0, 0, 0, 0, 4, false, 16);
    expect(Array.from(heap.subarray(0, 8))).toEqual([0, 0, 0, 5, 0, 0, 0, 5]);
  });
});
