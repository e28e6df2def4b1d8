import { fromOp } from '../autograd/graph.ts';
import { broadcastIndex, broadcastShapes, numel, shapesEqual } from '../shape.ts';
import type { Tensor } from '../tensor.ts';

/** A second operand: a tensor, or a number standing for a 0-d constant, as PyTorch allows. */
export type Operand = Tensor | number;

type BinaryKind = 'add' | 'sub' | 'mul' | 'div';

/**
 * What a gradient rule may read, each at every output position (flat, row-major, the output's
 * length). The operands are brought to that layout on first use only, so a rule that reads neither
 * (add, sub) costs no copy. `y()` is a number when the second operand is one value.
 */
interface RuleInputs {
  readonly out: Float32Array;
  x(): Float32Array;
  y(): Float32Array | number;
}

/** dL/d(operand) at every output position from dL/d(out) `g`; summing over broadcast comes after. */
type GradientRule = (g: Float32Array, v: RuleInputs) => Float32Array;

/**
 * One element-wise op. Its value is written as two loops, over two arrays and over an array and one
 * number, rather than one loop calling a per-element function: a loop shared by the four ops calls
 * four different functions at one call site, which V8 cannot inline, and runs 5-10 times slower.
 */
interface ElementwiseOp {
  /** out[i] = x[i] (op) y[i]. */
  readonly each: (x: Float32Array, y: Float32Array, out: Float32Array) => void;
  /** out[i] = x[i] (op) s. */
  readonly withNumber: (x: Float32Array, s: number, out: Float32Array) => void;
  readonly gradX: GradientRule;
  readonly gradY: GradientRule;
}

/** a (op) b over the output's layout, into a fresh array: the forward loops, reused by the gradients. */
function elementwise(kind: BinaryKind, a: Float32Array, b: Float32Array | number): Float32Array {
  const out = new Float32Array(a.length);
  if (typeof b === 'number') OPS[kind].withNumber(a, b, out);
  else OPS[kind].each(a, b, out);
  return out;
}

/** Every binary op and its gradient rules in one table, one short rule per operand (tinygrad's). */
const OPS: Record<BinaryKind, ElementwiseOp> = {
  add: {
    each: (x, y, out) => {
      for (let i = 0, n = out.length; i < n; i++) out[i] = x[i] + y[i];
    },
    withNumber: (x, s, out) => {
      for (let i = 0, n = out.length; i < n; i++) out[i] = x[i] + s;
    },
    gradX: (g) => g,
    gradY: (g) => g,
  },
  sub: {
    each: (x, y, out) => {
      for (let i = 0, n = out.length; i < n; i++) out[i] = x[i] - y[i];
    },
    withNumber: (x, s, out) => {
      for (let i = 0, n = out.length; i < n; i++) out[i] = x[i] - s;
    },
    gradX: (g) => g,
    gradY: (g) => elementwise('mul', g, -1),
  },
  mul: {
    each: (x, y, out) => {
      for (let i = 0, n = out.length; i < n; i++) out[i] = x[i] * y[i];
    },
    withNumber: (x, s, out) => {
      for (let i = 0, n = out.length; i < n; i++) out[i] = x[i] * s;
    },
    gradX: (g, v) => elementwise('mul', g, v.y()),
    gradY: (g, v) => elementwise('mul', g, v.x()),
  },
  div: {
    each: (x, y, out) => {
      for (let i = 0, n = out.length; i < n; i++) out[i] = x[i] / y[i];
    },
    withNumber: (x, s, out) => {
      for (let i = 0, n = out.length; i < n; i++) out[i] = x[i] / s;
    },
    gradX: (g, v) => elementwise('div', g, v.y()),
    // d(x / y)/dy = -x / y^2, written as PyTorch does: -g * ((x / y) / y), in one rounding.
    gradY: (g, v) => {
      const y = v.y();
      const ys = typeof y === 'number' ? new Float32Array(g.length).fill(y) : y;
      const t = new Float32Array(g.length);
      for (let i = 0; i < g.length; i++) t[i] = -g[i] * (v.out[i] / ys[i]);
      return t;
    },
  },
};

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

/** The operand's values at every output position: the array itself when it was not broadcast. */
function spread(values: Float32Array, index: Int32Array | null, n: number): Float32Array {
  if (index === null) return values;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = values[index[i]];
  return out;
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

/**
 * A tensor with a plain number: the number is a constant, so there is one input, no broadcast index
 * and nothing to allocate beyond the output (this keeps long graphs like `y = y.add(1)` light).
 */
function withNumber(kind: BinaryKind, a: Tensor, s: number): Tensor {
  const x = a.data;
  const out = elementwise(kind, x, s);
  const inputs: RuleInputs = { out, x: () => x, y: () => s };
  return fromOp(kind, out, a.shape, [a], (g) => [OPS[kind].gradX(g, inputs)]);
}

function binary(kind: BinaryKind, a: Tensor, other: Operand): Tensor {
  if (typeof other === 'number') return withNumber(kind, a, other);
  const b = other;
  const al = align(kind, a, b);
  const x = a.data;
  const y = b.data;
  const n = al.aIndex === null && al.bIndex === null ? x.length : numel(al.shape);
  // A tensor with a one-value tensor (`x.sub(x.mean())`) reads that value as a number.
  const oneValue = al.aIndex === null && y.length === 1;
  const out = oneValue
    ? elementwise(kind, x, y[0])
    : elementwise(kind, spread(x, al.aIndex, n), spread(y, al.bIndex, n));
  let xs: Float32Array | null = null;
  let ys: Float32Array | null = null;
  const inputs: RuleInputs = {
    out,
    x: () => (xs ??= spread(x, al.aIndex, n)),
    y: () => (oneValue ? y[0] : (ys ??= spread(y, al.bIndex, n))),
  };
  return fromOp(kind, out, al.shape, [a, b], (g) => [
    a.requiresGrad ? reduceGrad(OPS[kind].gradX(g, inputs), al.aIndex, x.length) : null,
    b.requiresGrad ? reduceGrad(OPS[kind].gradY(g, inputs), al.bIndex, y.length) : null,
  ]);
}

/** a + b with NumPy broadcasting, as `torch.add`. */
export const add = (a: Tensor, b: Operand): Tensor => binary('add', a, b);
/** a - b with NumPy broadcasting, as `torch.sub`. */
export const sub = (a: Tensor, b: Operand): Tensor => binary('sub', a, b);
/** a * b elementwise with NumPy broadcasting, as `torch.mul`. */
export const mul = (a: Tensor, b: Operand): Tensor => binary('mul', a, b);
/** a / b elementwise with NumPy broadcasting, as `torch.div` (true division). */
export const div = (a: Tensor, b: Operand): Tensor => binary('div', a, b);
