import { fromOp } from '../autograd/graph.ts';
import { formatShape } from '../shape.ts';
import { Tensor } from '../tensor.ts';
import { Module } from './module.ts';

export type Reduction = 'mean' | 'sum' | 'none';

function readReduction(op: string, value: unknown): Reduction {
  const reduction = value ?? 'mean';
  if (reduction !== 'mean' && reduction !== 'sum' && reduction !== 'none') {
    throw new Error(`${op}: reduction must be 'mean', 'sum' or 'none', got ${JSON.stringify(reduction)}`);
  }
  return reduction;
}

/**
 * Squared error (input - target)^2, averaged (default), summed or kept per element, as
 * `torch.nn.functional.mse_loss`. Shapes broadcast (PyTorch warns and does the same).
 */
export function mseLoss(input: Tensor, target: Tensor, options: { reduction?: Reduction } = {}): Tensor {
  const reduction = readReduction('mseLoss', options.reduction);
  const squared = input.sub(target).pow(2);
  if (reduction === 'none') return squared;
  return reduction === 'sum' ? squared.sum() : squared.mean();
}

/** `mseLoss` as a module, as `torch.nn.MSELoss`. */
export class MSELoss extends Module {
  readonly reduction: Reduction;

  constructor(options: { reduction?: Reduction } = {}) {
    super();
    this.reduction = readReduction('MSELoss', options.reduction);
  }

  forward(input: Tensor, target: Tensor): Tensor {
    return mseLoss(input, target, { reduction: this.reduction });
  }
}

/**
 * Class indices as crossEntropy takes them: one integer in [0, C) per row of the logits. A Tensor
 * holds them as float values (the core's tensors are float32); any array of numbers works too, such
 * as the Uint8Array of an idx label file or an Int32Array.
 */
export type ClassTarget = Tensor | ArrayLike<number>;

function readTarget(op: string, target: ClassTarget, rows: number, classes: number): Int32Array {
  const values: ArrayLike<number> = target instanceof Tensor ? target.data : target;
  if (target instanceof Tensor ? target.shape.length !== 1 : typeof values?.length !== 'number') {
    const what = target instanceof Tensor ? `shape ${formatShape(target.shape)}` : typeof target;
    throw new Error(`${op}: target must be 1-D (one class index per row), got ${what}`);
  }
  if (values.length !== rows) {
    throw new Error(`${op}: target has ${values.length} class indices but the logits have ${rows} rows`);
  }
  const out = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const v = values[i];
    if (!Number.isInteger(v) || v < 0 || v >= classes) {
      throw new Error(`${op}: target[${i}] is ${v}, not a class index in [0, ${classes - 1}]`);
    }
    out[i] = v;
  }
  return out;
}

/**
 * Cross-entropy of logits [N, C] against class indices [N], as
 * `torch.nn.functional.cross_entropy(logits, target)`: -log softmax(logits)[n, target[n]], averaged
 * over the rows (default), summed, or kept per row. The log-softmax is taken from each row's maximum
 * in float64, so logits in the thousands stay finite. Gradient (mean): (softmax - onehot) / N.
 */
export function crossEntropy(
  logits: Tensor,
  target: ClassTarget,
  options: { reduction?: Reduction } = {},
): Tensor {
  const reduction = readReduction('crossEntropy', options.reduction);
  if (logits.shape.length !== 2) {
    throw new Error(
      `crossEntropy: logits must be 2-D (batch, classes), got shape ${formatShape(logits.shape)}`,
    );
  }
  const [rows, classes] = logits.shape;
  if (classes === 0) throw new Error('crossEntropy: logits must have at least one class');
  const labels = readTarget('crossEntropy', target, rows, classes);
  // Row-major [rows, classes]: row n's logits are x[n * classes .. n * classes + classes).
  const x = logits.data;
  const perRow = new Float64Array(rows);
  const probabilities = new Float32Array(x.length);
  for (let n = 0; n < rows; n++) {
    const base = n * classes;
    let top = x[base];
    for (let c = 1; c < classes; c++) if (x[base + c] > top || x[base + c] !== x[base + c]) top = x[base + c];
    let total = 0;
    for (let c = 0; c < classes; c++) total += Math.exp(x[base + c] - top);
    const logTotal = Math.log(total);
    for (let c = 0; c < classes; c++) probabilities[base + c] = Math.exp(x[base + c] - top - logTotal);
    perRow[n] = top + logTotal - x[base + labels[n]];
  }
  let out: Float32Array;
  let shape: number[];
  if (reduction === 'none') {
    out = Float32Array.from(perRow);
    shape = [rows];
  } else {
    let s = 0;
    for (let n = 0; n < rows; n++) s += perRow[n];
    out = new Float32Array([reduction === 'mean' ? s / rows : s]);
    shape = [];
  }
  return fromOp('crossEntropy', out, shape, [logits], (g) => {
    const gx = new Float32Array(x.length);
    for (let n = 0; n < rows; n++) {
      const scale = reduction === 'none' ? g[n] : reduction === 'mean' ? g[0] / rows : g[0];
      const base = n * classes;
      for (let c = 0; c < classes; c++) gx[base + c] = probabilities[base + c] * scale;
      gx[base + labels[n]] -= scale;
    }
    return [gx];
  });
}

/** `crossEntropy` as a module, as `torch.nn.CrossEntropyLoss`. */
export class CrossEntropyLoss extends Module {
  readonly reduction: Reduction;

  constructor(options: { reduction?: Reduction } = {}) {
    super();
    this.reduction = readReduction('CrossEntropyLoss', options.reduction);
  }

  forward(logits: Tensor, target: ClassTarget): Tensor {
    return crossEntropy(logits, target, { reduction: this.reduction });
  }
}
