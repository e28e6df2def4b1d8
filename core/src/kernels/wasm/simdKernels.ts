import type { ConvGeometry } from '../../conv/geometry.ts';
import { decodeBase64 } from './base64.ts';
import { SIMD_KERNELS_WASM_BASE64 } from './simdKernelsBytes.ts';

// The WebAssembly SIMD kernels (core/wasm/simdKernels.wat), instantiated synchronously on first use:
// the GEMM, im2col and col2im of the im2col path; the single-plane direct correlation (wasmPadPlane,
// wasmCorrPlane, wasmCorrWeightGrad) that convDirectWasm.ts runs; the activations and 2x2 average
// pooling. Callers lay their arrays out in the module's linear memory (see `layout`), fill them through
// the view `wasmHeap` returns, run a kernel and read the result back from the same view. The memory
// only grows, so after warm-up no call allocates.

// The export types and wrappers below repeat the module's signatures one by one on purpose: each is a typed, allocation-free call into one kernel.
/** The module's `gemm` export; pointers are byte offsets, strides are in elements. */
type GemmExport = (
  M: number,
  N: number,
  K: number,
  a: number,
  aRowStride: number,
  aColStride: number,
  b: number,
  bRowStride: number,
  bColStride: number,
  c: number,
  ldc: number,
  accumulate: number,
  pack: number,
) => void;

/**
 * The module's `im2col` and `col2im` exports: from and to are byte offsets (input then col for
 * im2col, col then gradInput for col2im), then Cg, H, W, KH, KW, sH, sW, dH, dW, padTop, padLeft,
 * OW, ohStart, ohEnd.
 */
type BandExport = (
  from: number,
  to: number,
  Cg: number,
  H: number,
  W: number,
  KH: number,
  KW: number,
  sH: number,
  sW: number,
  dH: number,
  dW: number,
  padTop: number,
  padLeft: number,
  OW: number,
  ohStart: number,
  ohEnd: number,
) => void;

/** The module's `padPlane`: src, H, W, top, left, dst, Hp, Wp (pointers in bytes). */
type PadPlaneExport = (
  src: number,
  H: number,
  W: number,
  top: number,
  left: number,
  dst: number,
  Hp: number,
  Wp: number,
) => void;

/** The module's `corrPlane`: padded, Wp, w, KH, KW, splat, out, OH, OW, accumulate, bias. */
type CorrPlaneExport = (
  padded: number,
  Wp: number,
  w: number,
  KH: number,
  KW: number,
  splat: number,
  out: number,
  OH: number,
  OW: number,
  accumulate: number,
  bias: number,
) => void;

/** The module's `corrWeightGrad`: padded, Wp, gradOut, OW4, OH, KH, KW, result. */
type CorrWeightGradExport = (
  padded: number,
  Wp: number,
  gradOut: number,
  OW4: number,
  OH: number,
  KH: number,
  KW: number,
  result: number,
) => void;

/** The module's elementwise activations: (src, dst, n) forward, (g, y, dst, n) gradient; bytes. */
type UnaryExport = (src: number, dst: number, n: number) => void;
type UnaryGradExport = (g: number, y: number, dst: number, n: number) => void;

/** The module's 2 x 2 stride-2 average pooling: (from, to, planes, H, W, OH, OW), pointers in bytes. */
type Pool2x2Export = (
  from: number,
  to: number,
  planes: number,
  H: number,
  W: number,
  OH: number,
  OW: number,
) => void;

interface Engine {
  memory: WebAssembly.Memory;
  avgPool2x2: Pool2x2Export;
  avgPool2x2Grad: Pool2x2Export;
  sigmoid: UnaryExport;
  sigmoidGrad: UnaryGradExport;
  relu: UnaryExport;
  reluGrad: UnaryGradExport;
  gemm: GemmExport;
  im2col: BandExport;
  col2im: BandExport;
  padPlane: PadPlaneExport;
  corrPlane: CorrPlaneExport;
  corrWeightGrad: CorrWeightGradExport;
  /** A Float32Array over the whole memory; replaced when the memory grows (growth detaches it). */
  heap: Float32Array;
}

const PAGE_BYTES = 65536;
/** Largest K block the module packs at a time (KC in simdKernels.wat). */
const DEPTH_BLOCK = 256;
/** Regions start on 64-byte boundaries (16 floats): each begins a cache line, and rows of f32x4 stay aligned where the sizes allow. */
const ALIGN_FLOATS = 16;
/** Memory the convolutions may ask for before they fall back to the JavaScript GEMM (1 GiB). */
const MAX_BYTES = 2 ** 30;

/** undefined: not tried yet; null: WebAssembly (or its SIMD) is unavailable here. */
let engine: Engine | null | undefined;
let disabledForTests = false;

function instantiate(): Engine | null {
  // No WebAssembly at all, or a content security policy without 'wasm-unsafe-eval' (compiling then
  // throws), or an engine without SIMD (validation fails): the JavaScript GEMM is used instead.
  if (typeof WebAssembly !== 'object' || WebAssembly === null) return null;
  try {
    const instance = new WebAssembly.Instance(new WebAssembly.Module(decodeBase64(SIMD_KERNELS_WASM_BASE64)));
    const memory = instance.exports.memory as WebAssembly.Memory;
    const gemm = instance.exports.gemm as GemmExport;
    const im2col = instance.exports.im2col as BandExport;
    const col2im = instance.exports.col2im as BandExport;
    const padPlane = instance.exports.padPlane as PadPlaneExport;
    const corrPlane = instance.exports.corrPlane as CorrPlaneExport;
    const corrWeightGrad = instance.exports.corrWeightGrad as CorrWeightGradExport;
    const sigmoid = instance.exports.sigmoid as UnaryExport;
    const sigmoidGrad = instance.exports.sigmoidGrad as UnaryGradExport;
    const relu = instance.exports.relu as UnaryExport;
    const reluGrad = instance.exports.reluGrad as UnaryGradExport;
    const avgPool2x2 = instance.exports.avgPool2x2 as Pool2x2Export;
    const avgPool2x2Grad = instance.exports.avgPool2x2Grad as Pool2x2Export;
    const heap = new Float32Array(memory.buffer);
    return {
      memory,
      avgPool2x2,
      avgPool2x2Grad,
      gemm,
      im2col,
      col2im,
      padPlane,
      corrPlane,
      corrWeightGrad,
      sigmoid,
      sigmoidGrad,
      relu,
      reluGrad,
      heap,
    };
  } catch {
    return null;
  }
}

function loaded(): Engine | null {
  if (disabledForTests) return null;
  if (engine === undefined) engine = instantiate();
  return engine;
}

/** Whether the WebAssembly SIMD kernels (GEMM, direct convolutions, activations, pooling) can run here; instantiates the module on the first call. */
export function simdKernelsAvailable(): boolean {
  return loaded() !== null;
}

/**
 * Test hook: with `disabled` true the module behaves as if WebAssembly were unavailable. Passing
 * false also forgets a failed instantiation, so a test that removed the global can restore it.
 */
export function setSimdKernelsDisabled(disabled: boolean): void {
  disabledForTests = disabled;
  if (!disabled && engine === null) engine = undefined;
}

/** Floats of packing area `wasmGemm` needs for an A with M rows and a reduction of length K. */
export function packFloats(M: number, K: number): number {
  const kc = Math.min(K, DEPTH_BLOCK);
  return Math.ceil(M / 4) * 4 * kc + kc * 8 + 32;
}

/** Float offsets of consecutive regions of the given sizes, and the total they span. */
export function layout(sizes: readonly number[]): { offsets: number[]; total: number } {
  const offsets: number[] = [];
  let at = 0;
  for (const size of sizes) {
    offsets.push(at);
    at += Math.ceil(size / ALIGN_FLOATS) * ALIGN_FLOATS;
  }
  return { offsets, total: at };
}

/**
 * A view of the module's memory holding at least `floats` floats, growing it if needed; null when
 * WebAssembly is unavailable or the memory cannot grow that far. The view stays valid until the
 * next call (growth detaches the old buffer).
 */
export function wasmHeap(floats: number): Float32Array | null {
  const e = loaded();
  if (e === null || floats * 4 > MAX_BYTES) return null;
  const needed = floats * 4 - e.memory.buffer.byteLength;
  if (needed > 0) {
    try {
      e.memory.grow(Math.ceil(needed / PAGE_BYTES));
    } catch {
      return null;
    }
  }
  if (e.heap.buffer !== e.memory.buffer) e.heap = new Float32Array(e.memory.buffer);
  return e.heap;
}

/**
 * C[M, N] (+)= A[M, K] · B[K, N] on matrices inside the heap. Offsets and strides count floats: A's
 * element (i, k) is at a + i * aRowStride + k * aColStride, B's (k, j) at b + k * bRowStride +
 * j * bColStride, C's (i, j) at c + i * ldc + j. `pack` is a region of packFloats(M, K) floats.
 * With `accumulate` false C is overwritten. Call `wasmHeap` first (it loads the module).
 */
export function wasmGemm(
  M: number,
  N: number,
  K: number,
  a: number,
  aRowStride: number,
  aColStride: number,
  b: number,
  bRowStride: number,
  bColStride: number,
  c: number,
  ldc: number,
  accumulate: boolean,
  pack: number,
): void {
  const e = engineOrThrow('wasmGemm');
  if (M <= 0 || N <= 0) return;
  if (K <= 0) {
    if (!accumulate) for (let i = 0; i < M; i++) e.heap.fill(0, c + i * ldc, c + i * ldc + N);
    return;
  }
  e.gemm(
    M,
    N,
    K,
    a * 4,
    aRowStride,
    aColStride,
    b * 4,
    bRowStride,
    bColStride,
    c * 4,
    ldc,
    accumulate ? 1 : 0,
    pack * 4,
  );
}

function engineOrThrow(operation: string): Engine {
  const e = loaded();
  if (e === null) throw new Error(`${operation}: WebAssembly is unavailable; check wasmHeap() first`);
  return e;
}

/** Runs the module's im2col or col2im on geometry g (positional arguments: no array per call). */
function runBand(f: BandExport, from: number, to: number, g: ConvGeometry, ohStart: number, ohEnd: number) {
  f(
    from * 4,
    to * 4,
    g.inChannelsPerGroup,
    g.inHeight,
    g.inWidth,
    g.kernelHeight,
    g.kernelWidth,
    g.strideHeight,
    g.strideWidth,
    g.dilationHeight,
    g.dilationWidth,
    g.padTop,
    g.padLeft,
    g.outWidth,
    ohStart,
    ohEnd,
  );
}

/**
 * im2col.ts's im2col inside the heap: the band [ohStart, ohEnd) of output rows of one image and
 * group, from the input planes starting at float offset `input` (that image's channel group * Cg)
 * into `col`. The input must not be the last region of the heap (the stride-2 path reads one float
 * past the last value it uses).
 */
export function wasmIm2col(
  input: number,
  col: number,
  g: ConvGeometry,
  ohStart: number,
  ohEnd: number,
): void {
  runBand(engineOrThrow('wasmIm2col').im2col, input, col, g, ohStart, ohEnd);
}

/** im2col.ts's col2im inside the heap: adds the band of `col` into the input gradient at `gradInput`. */
export function wasmCol2im(
  col: number,
  gradInput: number,
  g: ConvGeometry,
  ohStart: number,
  ohEnd: number,
): void {
  runBand(engineOrThrow('wasmCol2im').col2im, col, gradInput, g, ohStart, ohEnd);
}

/**
 * padded[r, c] = plane[r - top, c - left] for r < Hp, c < Wp, zero outside the H x W plane (top and
 * left may be negative). Offsets in floats; both regions inside the heap.
 */
export function wasmPadPlane(
  plane: number,
  H: number,
  W: number,
  top: number,
  left: number,
  padded: number,
  Hp: number,
  Wp: number,
): void {
  engineOrThrow('wasmPadPlane').padPlane(plane * 4, H, W, top, left, padded * 4, Hp, Wp);
}

/**
 * out[oh, ow] = (accumulate ? out[oh, ow] : bias) + sum over kh < KH, kw < KW of
 * w[kh, kw] * padded[oh + kh, ow + kw], with padded's row stride Wp >= roundUp4(OW) + KW - 1 and
 * OH + KH - 1 rows. `splat` is a scratch region of 4 * KH * KW floats; 4 floats after out must be
 * inside the heap (the last vector of a row is loaded whole). Offsets in floats.
 */
export function wasmCorrPlane(
  padded: number,
  Wp: number,
  w: number,
  KH: number,
  KW: number,
  splat: number,
  out: number,
  OH: number,
  OW: number,
  accumulate: boolean,
  bias: number,
): void {
  engineOrThrow('wasmCorrPlane').corrPlane(
    padded * 4,
    Wp,
    w * 4,
    KH,
    KW,
    splat * 4,
    out * 4,
    OH,
    OW,
    accumulate ? 1 : 0,
    bias,
  );
}

/**
 * result[kh * KW + kw] = sum over oh < OH, ow < OW4 of gradOut[oh, ow] * padded[oh + kh, ow + kw]
 * (written, not added), gradOut with row stride OW4 (a multiple of 4, zeros past the real columns).
 */
export function wasmCorrWeightGrad(
  padded: number,
  Wp: number,
  gradOut: number,
  OW4: number,
  OH: number,
  KH: number,
  KW: number,
  result: number,
): void {
  engineOrThrow('wasmCorrWeightGrad').corrWeightGrad(
    padded * 4,
    Wp,
    gradOut * 4,
    OW4,
    OH,
    KH,
    KW,
    result * 4,
  );
}

/** The module's elementwise activations, by name. */
export type WasmActivation = 'sigmoid' | 'relu';

/**
 * dst = activation(src) for n floats at float offsets src and dst inside the heap (they may be
 * equal); each region must span a multiple of 4 floats (layout's regions do), as the last vector is
 * whole.
 */
export function wasmActivation(activation: WasmActivation, src: number, dst: number, n: number): void {
  const e = engineOrThrow('wasmActivation');
  (activation === 'sigmoid' ? e.sigmoid : e.relu)(src * 4, dst * 4, n);
}

/** dst = the activation's gradient from upstream g and its output y (regions as wasmActivation's). */
export function wasmActivationGrad(
  activation: WasmActivation,
  g: number,
  y: number,
  dst: number,
  n: number,
): void {
  const e = engineOrThrow('wasmActivationGrad');
  (activation === 'sigmoid' ? e.sigmoidGrad : e.reluGrad)(g * 4, y * 4, dst * 4, n);
}

/**
 * 2 x 2 average pooling with stride 2 of `planes` planes H x W at float offset `from` into OH x OW
 * planes at `to` (forward), or its gradient added from `from` (the output gradient) into `to`
 * (gradient). Every window must lie inside its plane.
 */
export function wasmAvgPool2x2(
  direction: 'forward' | 'gradient',
  from: number,
  to: number,
  planes: number,
  H: number,
  W: number,
  OH: number,
  OW: number,
): void {
  const e = engineOrThrow('wasmAvgPool2x2');
  (direction === 'forward' ? e.avgPool2x2 : e.avgPool2x2Grad)(from * 4, to * 4, planes, H, W, OH, OW);
}
