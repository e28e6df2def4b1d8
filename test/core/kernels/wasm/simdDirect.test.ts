// The WebAssembly SIMD direct kernels for one channel in and out per group (convDirectWasm.ts,
// padPlane / corrPlane / corrWeightGrad in core/wasm/simdKernels.wat) against the JavaScript direct loops
// and the naive definition, the dispatch that picks them, and the fallback without WebAssembly.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { convGeometry, type ConvGeometry } from '../../../../core/src/conv/geometry.ts';
import { chooseKernel, type ConvPath } from '../../../../core/src/kernels/conv.ts';
import {
  conv2dBackwardInputDirectWasm,
  conv2dBackwardWeightDirectWasm,
  conv2dForwardDirectWasm,
} from '../../../../core/src/kernels/convDirectWasm.ts';
import { setSimdKernelsDisabled } from '../../../../core/src/kernels/wasm/simdKernels.ts';
import {
  assertClose,
  depthwise3x3,
  naiveConvForward,
  naiveConvGradInput,
  naiveConvGradWeight,
  naiveGeometry,
  samePad,
  seededValues,
  type NaiveConv,
} from '../../conv/naive.ts';
import { runConvPasses } from '../convPasses.ts';

afterEach(() => setSimdKernelsDisabled(false));

/**
 * Random single-channel-per-group convolutions: kernels 1..7 each way, paddings 0..3 (or 'same'),
 * inputs from the smallest valid size up to 13 columns (so widths below 4 and not multiples of 4).
 */
const planeConfig = fc
  .record({
    batch: fc.integer({ min: 1, max: 2 }),
    channels: fc.integer({ min: 1, max: 3 }),
    kernelHeight: fc.oneof(fc.constant(3), fc.integer({ min: 1, max: 7 })),
    kernelWidth: fc.oneof(fc.constant(3), fc.integer({ min: 1, max: 7 })),
    padding: fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 })),
    same: fc.boolean(),
    extra: fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 })),
    seed: fc.integer({ min: 1, max: 1 << 30 }),
  })
  .map((r) => {
    const [KH, KW] = [r.kernelHeight, r.kernelWidth];
    const pad: [number, number, number, number] = r.same
      ? samePad(KH, KW)
      : [r.padding[0], r.padding[0], r.padding[1], r.padding[1]];
    const naive: NaiveConv = {
      batch: r.batch,
      inChannels: r.channels,
      height: Math.max(1, KH - pad[0] - pad[1]) + r.extra[0],
      width: Math.max(1, KW - pad[2] - pad[3]) + r.extra[1],
      outChannels: r.channels,
      kernelHeight: KH,
      kernelWidth: KW,
      stride: [1, 1],
      pad,
      dilation: [1, 1],
      groups: r.channels,
    };
    return { naive, geometry: naiveGeometry(naive, r.same ? 'same' : r.padding), seed: r.seed };
  });

function expectNaive(
  c: NaiveConv,
  g: ConvGeometry,
  seed: number,
  run: ReturnType<typeof runConvPasses>,
  label: string,
) {
  const want = naiveConvForward(c, run.x, run.w);
  const P = g.outHeight * g.outWidth;
  for (let i = 0; i < want.length; i++) want[i] += run.bias[Math.floor(i / P) % c.outChannels];
  assertClose(run.y, want, `${label} forward`);
  assertClose(run.gx, naiveConvGradInput(c, run.gy, run.w, run.x.length), `${label} input gradient`);
  const start = seededValues(run.w.length, seed + 4);
  const gradW = naiveConvGradWeight(c, run.gy, run.x, run.w.length);
  for (let i = 0; i < gradW.length; i++) gradW[i] += start[i];
  assertClose(run.gw, gradW, `${label} weight gradient`);
}

describe('direct-wasm: one channel per group, stride 1, dilation 1', () => {
  it('forward, input gradient and weight gradient agree with the JS direct loops and the naive definition', () => {
    fc.assert(
      fc.property(planeConfig, ({ naive, geometry, seed }) => {
        expect(chooseKernel(geometry, 'direct-wasm')).toBe('direct-wasm');
        const wasm = runConvPasses(naive, geometry, seed, 'direct-wasm');
        expectNaive(naive, geometry, seed, wasm, 'direct-wasm');
        const js = runConvPasses(naive, geometry, seed, 'direct');
        assertClose(wasm.y, js.y, 'forward against JS direct');
        assertClose(wasm.gx, js.gx, 'input gradient against JS direct');
        assertClose(wasm.gw, js.gw, 'weight gradient against JS direct');
      }),
      { numRuns: 300, seed: 20261126 },
    );
  });

  it('shape C (256x256, 3x3, pad 1): the f32x4 sums stay within float tolerance of the naive float64 ones', () => {
    const c = depthwise3x3(256, 256, 1);
    const g = naiveGeometry(c, [1, 1]);
    expect(chooseKernel(g, 'auto')).toBe('direct-wasm');
    expectNaive(c, g, 5, runConvPasses(c, g, 5, 'auto'), 'shape C');
  });
});

describe('direct-wasm dispatch', () => {
  const single = (size: number, k: number, stride = 1, dilation = 1) =>
    convGeometry({
      op: 't',
      batch: 1,
      inChannels: 1,
      inHeight: size,
      inWidth: size,
      outChannels: 1,
      groups: 1,
      kernelHeight: k,
      kernelWidth: k,
      stride,
      padding: 1,
      dilation,
    });

  it('auto picks it for shapes B and C, and for depthwise convolutions', () => {
    expect(chooseKernel(single(64, 3), 'auto')).toBe('direct-wasm');
    expect(chooseKernel(single(256, 3), 'auto')).toBe('direct-wasm');
    const depthwise = convGeometry({
      op: 't',
      batch: 2,
      inChannels: 4,
      inHeight: 16,
      inWidth: 16,
      outChannels: 4,
      groups: 4,
      kernelHeight: 5,
      kernelWidth: 5,
      stride: 1,
      padding: 2,
      dilation: 1,
    });
    expect(chooseKernel(depthwise, 'auto')).toBe('direct-wasm');
  });

  it('auto keeps the notebook (6x8, 1x2 kernel) and strided or dilated planes on the JS direct loops', () => {
    const notebook = convGeometry({
      op: 't',
      batch: 1,
      inChannels: 1,
      inHeight: 6,
      inWidth: 8,
      outChannels: 1,
      groups: 1,
      kernelHeight: 1,
      kernelWidth: 2,
      stride: 1,
      padding: 0,
      dilation: 1,
    });
    expect(chooseKernel(notebook, 'auto')).toBe('direct');
    expect(chooseKernel(single(64, 3, 2), 'auto')).toBe('direct');
    expect(chooseKernel(single(64, 3, 1, 2), 'auto')).toBe('direct');
    expect(chooseKernel(single(64, 3, 2), 'direct-wasm')).toBe('direct');
  });

  it('with the test hook disabling WebAssembly: auto and direct-wasm run the JS loops, results still right', () => {
    const c = depthwise3x3(9, 7, 2);
    const g = naiveGeometry(c, [1, 1]);
    expect(chooseKernel(g, 'auto')).toBe('direct-wasm');
    setSimdKernelsDisabled(true);
    expect(chooseKernel(g, 'auto')).toBe('direct');
    expect(chooseKernel(g, 'direct-wasm')).toBe('direct');
    const none = new Float32Array(4);
    expect(conv2dForwardDirectWasm(none, none, null, none, g)).toBe(false);
    expect(conv2dBackwardInputDirectWasm(none, none, none, g)).toBe(false);
    expect(conv2dBackwardWeightDirectWasm(none, none, none, g)).toBe(false);
    expect(Array.from(none)).toEqual([0, 0, 0, 0]);
    for (const path of ['auto', 'direct-wasm'] as ConvPath[]) {
      expectNaive(c, g, 9, runConvPasses(c, g, 9, path), `disabled, ${path}`);
    }
  });
});
