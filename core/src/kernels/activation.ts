import {
  layout,
  wasmActivation,
  wasmActivationGrad,
  wasmHeap,
  type WasmActivation,
} from './wasm/simdKernels.ts';

// The sigmoid and ReLU of ops/unary.ts over whole arrays, forward (from x) and backward (from the
// upstream gradient g and the op's output y). Large arrays run in the WebAssembly module
// (core/wasm/simdKernels.wat: f32x4, four values per instruction) on a copy in its memory; copying in and
// out is a memcpy, far cheaper than a JavaScript loop over the values (on LeNet's conv1 output,
// 1.2 million values, the JavaScript sigmoid takes ~10x the time of the wasm one plus both copies).
// Small arrays, and every array where WebAssembly is unavailable, take the JavaScript loops, which
// compute in float64 and round once; the wasm sigmoid is float32 throughout (within a few ulp).

/** Values from which the wasm path is used: below this the call and copies cost more than the loop. */
const WASM_MIN_VALUES = 4096;

/** out = activation(x) (out fresh, same length as x). */
export function activationForward(activation: WasmActivation, x: Float32Array, out: Float32Array): void {
  if (x.length >= WASM_MIN_VALUES) {
    const {
      offsets: [at],
      total,
    } = layout([x.length]);
    const heap = wasmHeap(total);
    if (heap !== null) {
      heap.set(x, at);
      wasmActivation(activation, at, at, x.length);
      out.set(heap.subarray(at, at + x.length));
      return;
    }
  }
  if (activation === 'sigmoid') {
    for (let i = 0; i < x.length; i++) out[i] = 1 / (1 + Math.exp(-x[i]));
  } else {
    for (let i = 0; i < x.length; i++) out[i] = x[i] > 0 ? x[i] : 0;
  }
}

/** gx = dL/dx from g = dL/dy and the output y. */
export function activationBackward(
  activation: WasmActivation,
  g: Float32Array,
  y: Float32Array,
  gx: Float32Array,
): void {
  if (g.length >= WASM_MIN_VALUES) {
    const {
      offsets: [gAt, yAt],
      total,
    } = layout([g.length, y.length]);
    const heap = wasmHeap(total);
    if (heap !== null) {
      heap.set(g, gAt);
      heap.set(y, yAt);
      wasmActivationGrad(activation, gAt, yAt, gAt, g.length);
      gx.set(heap.subarray(gAt, gAt + g.length));
      return;
    }
  }
  if (activation === 'sigmoid') {
    for (let i = 0; i < g.length; i++) gx[i] = g[i] * (1 - y[i]) * y[i];
  } else {
    for (let i = 0; i < g.length; i++) gx[i] = y[i] > 0 ? g[i] : 0;
  }
}
