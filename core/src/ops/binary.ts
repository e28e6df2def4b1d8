import { fromOp } from '../autograd/graph.ts';
import { broadcastIndex, broadcastShapes, numel, shapesEqual } from '../shape.ts';
import type { Tensor } from '../tensor.ts';

/** A second operand: a tensor, or a number standing for a 0-d constant, as PyTorch allows. */
export type Operand = Tensor | number;

type BinaryKind = 'add' | 'sub' | 'mul' | 'div';

/**
 * How two operands line up. Same shape: both indexes null (output position i reads i from each).
 * Otherwise the broadcast output shape and, per output position, the position each operand reads
 * (null for an operand that already has the output's shape).
 */
interface Alignment {
  readonly shape: readonly number[];
  readonly aIndex: Int32Array | null;
  readonly bIndex: Int32Array | null;
}

function align(op: string, a: Tensor, b: Tensor): Alignment {
  if (shapesEqual(a.shape, b.shape)) return { shape: a.shape, aIndex: null, bIndex: null };
  const shape = broadcastShapes(op, a.shape, b.shape);
  return {
    shape,
    aIndex: shapesEqual(a.shape, shape) ? null : broadcastIndex(a.shape, shape),
    bIndex: shapesEqual(b.shape, shape) ? null : broadcastIndex(b.shape, shape),
  };
}

function identityIndex(n: number): Int32Array {
  const index = new Int32Array(n);
  for (let i = 0; i < n; i++) index[i] = i;
  return index;
}

/**
 * out[i] = x[aIndex[i]] (op) y[bIndex[i]] over the flat row-major output. Three loops per op: equal
 * shapes (no indexes), a tensor with a one-value tensor (`x.sub(x.mean())`), and general broadcasting.
 */
function combine(kind: BinaryKind, x: Float32Array, y: Float32Array, al: Alignment, out: Float32Array): void {
  const n = out.length;
  if (al.aIndex === null && al.bIndex === null) {
    switch (kind) {
      case 'add':
        for (let i = 0; i < n; i++) out[i] = x[i] + y[i];
        break;
      case 'sub':
        for (let i = 0; i < n; i++) out[i] = x[i] - y[i];
        break;
      case 'mul':
        for (let i = 0; i < n; i++) out[i] = x[i] * y[i];
        break;
      case 'div':
        for (let i = 0; i < n; i++) out[i] = x[i] / y[i];
        break;
    }
    return;
  }
  if (al.aIndex === null && y.length === 1) {
    const s = y[0];
    switch (kind) {
      case 'add':
        for (let i = 0; i < n; i++) out[i] = x[i] + s;
        break;
      case 'sub':
        for (let i = 0; i < n; i++) out[i] = x[i] - s;
        break;
      case 'mul':
        for (let i = 0; i < n; i++) out[i] = x[i] * s;
        break;
      case 'div':
        for (let i = 0; i < n; i++) out[i] = x[i] / s;
        break;
    }
    return;
  }
  const ia = al.aIndex ?? identityIndex(n);
  const ib = al.bIndex ?? identityIndex(n);
  switch (kind) {
    case 'add':
      for (let i = 0; i < n; i++) out[i] = x[ia[i]] + y[ib[i]];
      break;
    case 'sub':
      for (let i = 0; i < n; i++) out[i] = x[ia[i]] - y[ib[i]];
      break;
    case 'mul':
      for (let i = 0; i < n; i++) out[i] = x[ia[i]] * y[ib[i]];
      break;
    case 'div':
      for (let i = 0; i < n; i++) out[i] = x[ia[i]] / y[ib[i]];
      break;
  }
}

/**
 * Sums an output-shaped gradient back onto an operand that was broadcast (`index` maps each output
 * position to the operand's position), or passes it through when the operand was not broadcast.
 */
function reduceGrad(grad: Float32Array, index: Int32Array | null, size: number): Float32Array {
  if (index === null) return grad;
  const acc = new Float64Array(size);
  for (let i = 0; i < grad.length; i++) acc[index[i]] += grad[i];
  return Float32Array.from(acc);
}

/** The other operand's values at every output position (a fresh output-sized array). */
function spread(values: Float32Array, index: Int32Array | null, n: number): Float32Array {
  if (index === null) return values;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = values[index[i]];
  return out;
}

/**
 * A tensor with a plain number: the number is a constant, so there is one input, no broadcast index
 * and nothing to allocate beyond the output (this keeps long graphs like `y = y.add(1)` light).
 */
function withNumber(kind: BinaryKind, a: Tensor, s: number): Tensor {
  const x = a.data;
  const n = x.length;
  const out = new Float32Array(n);
  switch (kind) {
    case 'add':
      for (let i = 0; i < n; i++) out[i] = x[i] + s;
      break;
    case 'sub':
      for (let i = 0; i < n; i++) out[i] = x[i] - s;
      break;
    case 'mul':
      for (let i = 0; i < n; i++) out[i] = x[i] * s;
      break;
    case 'div':
      for (let i = 0; i < n; i++) out[i] = x[i] / s;
      break;
  }
  return fromOp(kind, out, a.shape, [a], (g) => {
    if (kind === 'add' || kind === 'sub') return [g];
    const gx = new Float32Array(n);
    if (kind === 'mul') for (let i = 0; i < n; i++) gx[i] = g[i] * s;
    else for (let i = 0; i < n; i++) gx[i] = g[i] / s;
    return [gx];
  });
}

function binary(kind: BinaryKind, a: Tensor, other: Operand): Tensor {
  if (typeof other === 'number') return withNumber(kind, a, other);
  const b = other;
  const al = align(kind, a, b);
  const x = a.data;
  const y = b.data;
  const out = new Float32Array(al.aIndex === null && al.bIndex === null ? x.length : numel(al.shape));
  combine(kind, x, y, al, out);
  return fromOp(kind, out, al.shape, [a, b], (g) => {
    const n = g.length;
    let ga: Float32Array | null = null;
    let gb: Float32Array | null = null;
    switch (kind) {
      case 'add':
        if (a.requiresGrad) ga = reduceGrad(g, al.aIndex, x.length);
        if (b.requiresGrad) gb = reduceGrad(g, al.bIndex, y.length);
        break;
      case 'sub':
        if (a.requiresGrad) ga = reduceGrad(g, al.aIndex, x.length);
        if (b.requiresGrad) {
          const neg = new Float32Array(n);
          for (let i = 0; i < n; i++) neg[i] = -g[i];
          gb = reduceGrad(neg, al.bIndex, y.length);
        }
        break;
      case 'mul': {
        if (a.requiresGrad) {
          const yb = spread(y, al.bIndex, n);
          const t = new Float32Array(n);
          for (let i = 0; i < n; i++) t[i] = g[i] * yb[i];
          ga = reduceGrad(t, al.aIndex, x.length);
        }
        if (b.requiresGrad) {
          const xb = spread(x, al.aIndex, n);
          const t = new Float32Array(n);
          for (let i = 0; i < n; i++) t[i] = g[i] * xb[i];
          gb = reduceGrad(t, al.bIndex, y.length);
        }
        break;
      }
      case 'div': {
        const yb = spread(y, al.bIndex, n);
        if (a.requiresGrad) {
          const t = new Float32Array(n);
          for (let i = 0; i < n; i++) t[i] = g[i] / yb[i];
          ga = reduceGrad(t, al.aIndex, x.length);
        }
        if (b.requiresGrad) {
          // d(x / y)/dy = -x / y^2, written as PyTorch does: -g * ((x / y) / y).
          const t = new Float32Array(n);
          for (let i = 0; i < n; i++) t[i] = -g[i] * (out[i] / yb[i]);
          gb = reduceGrad(t, al.bIndex, y.length);
        }
        break;
      }
    }
    return [ga, gb];
  });
}

/** a + b with NumPy broadcasting, as `torch.add`. */
export const add = (a: Tensor, b: Operand): Tensor => binary('add', a, b);
/** a - b with NumPy broadcasting, as `torch.sub`. */
export const sub = (a: Tensor, b: Operand): Tensor => binary('sub', a, b);
/** a * b elementwise with NumPy broadcasting, as `torch.mul`. */
export const mul = (a: Tensor, b: Operand): Tensor => binary('mul', a, b);
/** a / b elementwise with NumPy broadcasting, as `torch.div` (true division). */
export const div = (a: Tensor, b: Operand): Tensor => binary('div', a, b);
