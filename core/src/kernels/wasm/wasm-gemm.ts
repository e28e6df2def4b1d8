import { decodeBase64 } from './base64.ts';
import { GEMM_WASM_BASE64 } from './gemm-bytes.ts';

// The WebAssembly SIMD GEMM (core/wasm/gemm.wat), instantiated synchronously on first use. Callers
// lay their matrices out in the module's linear memory (see `layout`), fill them through the view
// `wasmHeap` returns, run `wasmGemm` and read the result back from the same view. The memory only
// grows, so after warm-up no call allocates.

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

interface Engine {
  memory: WebAssembly.Memory;
  gemm: GemmExport;
  /** A Float32Array over the whole memory; replaced when the memory grows (growth detaches it). */
  heap: Float32Array;
}

const PAGE_BYTES = 65536;
/** Largest K block the module packs at a time (KC in gemm.wat). */
const DEPTH_BLOCK = 256;
/** Regions start on 64-byte boundaries (16 floats) so vector loads never straddle cache lines. */
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
    const instance = new WebAssembly.Instance(new WebAssembly.Module(decodeBase64(GEMM_WASM_BASE64)));
    const memory = instance.exports.memory as WebAssembly.Memory;
    const gemm = instance.exports.gemm as GemmExport;
    return { memory, gemm, heap: new Float32Array(memory.buffer) };
  } catch {
    return null;
  }
}

function loaded(): Engine | null {
  if (disabledForTests) return null;
  if (engine === undefined) engine = instantiate();
  return engine;
}

/** Whether the WebAssembly GEMM can run here (instantiating it on the first call). */
export function wasmGemmAvailable(): boolean {
  return loaded() !== null;
}

/**
 * Test hook: with `disabled` true the module behaves as if WebAssembly were unavailable. Passing
 * false also forgets a failed instantiation, so a test that removed the global can restore it.
 */
export function setWasmGemmDisabled(disabled: boolean): void {
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
  const e = loaded();
  if (e === null) throw new Error('wasmGemm: WebAssembly is unavailable; check wasmHeap() first');
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
