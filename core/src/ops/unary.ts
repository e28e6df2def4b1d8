import { fromOp } from '../autograd/graph.ts';
import type { Tensor } from '../tensor.ts';
import { activationBackward, activationForward } from '../kernels/activation.ts';

// Elementwise ops of one tensor. Each loop runs over the flat row-major data; the output has the
// input's shape, so the gradient needs no reshaping. Values are computed in float64 by Math and
// rounded once to float32 on store, except relu and sigmoid on large arrays (the hot ops of LeNet),
// which run in WebAssembly in float32 (kernels/activation.ts).

function map(op: string, x: Tensor, out: Float32Array, backward: (g: Float32Array) => Float32Array): Tensor {
  return fromOp(op, out, x.shape, [x], (g) => [backward(g)]);
}

export function neg(x: Tensor): Tensor {
  const d = x.data;
  const out = new Float32Array(d.length);
  for (let i = 0; i < d.length; i++) out[i] = -d[i];
  return map('neg', x, out, (g) => {
    const gx = new Float32Array(g.length);
    for (let i = 0; i < g.length; i++) gx[i] = -g[i];
    return gx;
  });
}

/** x ** exponent for a number exponent, as `torch.pow(x, exponent)`. */
export function pow(x: Tensor, exponent: number): Tensor {
  if (typeof exponent !== 'number') {
    throw new Error(`pow: exponent must be a number, got ${typeof exponent}`);
  }
  const d = x.data;
  const n = d.length;
  const out = new Float32Array(n);
  if (exponent === 2) {
    for (let i = 0; i < n; i++) out[i] = d[i] * d[i];
  } else {
    for (let i = 0; i < n; i++) out[i] = Math.pow(d[i], exponent);
  }
  return map('pow', x, out, (g) => {
    const gx = new Float32Array(n);
    // PyTorch gives a zero gradient for exponent 0 (even at x = 0, where p * x^(p-1) is 0 * inf).
    if (exponent === 0) return gx;
    if (exponent === 2) {
      for (let i = 0; i < n; i++) gx[i] = g[i] * 2 * d[i];
    } else {
      const p1 = exponent - 1;
      for (let i = 0; i < n; i++) gx[i] = g[i] * exponent * Math.pow(d[i], p1);
    }
    return gx;
  });
}

export function exp(x: Tensor): Tensor {
  const d = x.data;
  const out = new Float32Array(d.length);
  for (let i = 0; i < d.length; i++) out[i] = Math.exp(d[i]);
  return map('exp', x, out, (g) => {
    const gx = new Float32Array(g.length);
    for (let i = 0; i < g.length; i++) gx[i] = g[i] * out[i];
    return gx;
  });
}

/** Natural logarithm (NaN below 0, -Infinity at 0), as `torch.log`. */
export function log(x: Tensor): Tensor {
  const d = x.data;
  const out = new Float32Array(d.length);
  for (let i = 0; i < d.length; i++) out[i] = Math.log(d[i]);
  return map('log', x, out, (g) => {
    const gx = new Float32Array(g.length);
    for (let i = 0; i < g.length; i++) gx[i] = g[i] / d[i];
    return gx;
  });
}

/** max(x, 0); the gradient at exactly 0 is 0, as in PyTorch. Loops in kernels/activation.ts. */
export function relu(x: Tensor): Tensor {
  const out = new Float32Array(x.data.length);
  activationForward('relu', x.data, out);
  return map('relu', x, out, (g) => {
    const gx = new Float32Array(g.length);
    activationBackward('relu', g, out, gx);
    return gx;
  });
}

/** 1 / (1 + exp(-x)); the gradient is g * (1 - y) * y from the output y. Loops in kernels/activation.ts. */
export function sigmoid(x: Tensor): Tensor {
  const out = new Float32Array(x.data.length);
  activationForward('sigmoid', x.data, out);
  return map('sigmoid', x, out, (g) => {
    const gx = new Float32Array(g.length);
    activationBackward('sigmoid', g, out, gx);
    return gx;
  });
}

export function tanh(x: Tensor): Tensor {
  const d = x.data;
  const out = new Float32Array(d.length);
  for (let i = 0; i < d.length; i++) out[i] = Math.tanh(d[i]);
  return map('tanh', x, out, (g) => {
    const gx = new Float32Array(g.length);
    for (let i = 0; i < g.length; i++) gx[i] = g[i] * (1 - out[i] * out[i]);
    return gx;
  });
}

/** |x|; the gradient is sign(x), 0 at x = 0, as in PyTorch. */
export function abs(x: Tensor): Tensor {
  const d = x.data;
  const out = new Float32Array(d.length);
  for (let i = 0; i < d.length; i++) out[i] = Math.abs(d[i]);
  return map('abs', x, out, (g) => {
    const gx = new Float32Array(g.length);
    for (let i = 0; i < g.length; i++) gx[i] = d[i] > 0 ? g[i] : d[i] < 0 ? -g[i] : 0;
    return gx;
  });
}
