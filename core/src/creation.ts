import { checkShape, formatShape, numel } from './shape.ts';
import { Tensor, type NestedArray } from './tensor.ts';
import { defaultGenerator, Generator } from './random/generator.ts';

export interface TensorOptions {
  /** The shape to give the values (their count must match); by default the nesting of `data`. */
  shape?: readonly number[];
  requiresGrad?: boolean;
}

export interface RandomOptions {
  generator?: Generator;
  requiresGrad?: boolean;
}

function readRequiresGrad(op: string, options: { requiresGrad?: unknown }): boolean {
  const value = options.requiresGrad ?? false;
  if (typeof value !== 'boolean')
    throw new Error(`${op}: requiresGrad must be true or false, got ${String(value)}`);
  return value;
}

/** The shape of nested arrays, read along the first element of each level (checked afterwards). */
function nestedShape(data: NestedArray): number[] {
  const shape: number[] = [];
  let level: NestedArray = data;
  while (Array.isArray(level)) {
    shape.push(level.length);
    if (level.length === 0) break;
    level = level[0];
  }
  return shape;
}

/** Copies nested arrays of `shape` into `out` row-major, throwing on ragged rows and non-numbers. */
function flattenInto(data: NestedArray, shape: readonly number[], out: Float32Array): void {
  let written = 0;
  // Recursion depth is the number of dimensions, never the number of values.
  const visit = (value: NestedArray, depth: number, path: string): void => {
    if (depth === shape.length) {
      if (typeof value !== 'number') {
        throw new Error(
          `tensor: expected a number at ${path || 'the top level'}, got ${describeValue(value)}`,
        );
      }
      out[written++] = value;
      return;
    }
    if (!Array.isArray(value) || value.length !== shape[depth]) {
      throw new Error(
        `tensor: ragged nested arrays: ${path || 'the top level'} has ${Array.isArray(value) ? `length ${value.length}` : describeValue(value)} where ${shape[depth]} values were expected (shape ${formatShape(shape)})`,
      );
    }
    for (let i = 0; i < value.length; i++) visit(value[i], depth + 1, `${path}[${i}]`);
  };
  visit(data, 0, '');
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return String(value);
}

/**
 * A tensor from a number (0-d), nested arrays or a typed array (1-d unless `shape` is given), as
 * `torch.tensor`; the values are copied. `shape` reshapes the flat values: `tensor(data, { shape: [2, 3] })`.
 */
export function tensor(data: NestedArray | ArrayLike<number>, options: TensorOptions = {}): Tensor {
  const requiresGrad = readRequiresGrad('tensor', options);
  let values: Float32Array;
  let shape: number[];
  if (typeof data === 'number') {
    values = new Float32Array([data]);
    shape = [];
  } else if (ArrayBuffer.isView(data)) {
    values = Float32Array.from(data as ArrayLike<number>);
    shape = [values.length];
  } else if (Array.isArray(data)) {
    shape = nestedShape(data);
    values = new Float32Array(numel(shape));
    flattenInto(data, shape, values);
  } else {
    throw new Error(
      `tensor: data must be a number, nested arrays of numbers or a typed array, got ${describeValue(data)}`,
    );
  }
  if (options.shape !== undefined) {
    const target = checkShape('tensor', options.shape);
    if (numel(target) !== values.length) {
      throw new Error(
        `tensor: ${values.length} values cannot take shape ${formatShape(target)} (${numel(target)} values)`,
      );
    }
    shape = target;
  }
  return Tensor.internal(values, shape, requiresGrad);
}

/** A tensor of `shape` filled with `value`, as `torch.full`. */
export function full(
  shape: readonly number[],
  value: number,
  options: { requiresGrad?: boolean } = {},
): Tensor {
  const s = checkShape('full', shape);
  if (typeof value !== 'number') throw new Error(`full: value must be a number, got ${describeValue(value)}`);
  return Tensor.internal(new Float32Array(numel(s)).fill(value), s, readRequiresGrad('full', options));
}

export function zeros(shape: readonly number[], options: { requiresGrad?: boolean } = {}): Tensor {
  const s = checkShape('zeros', shape);
  return Tensor.internal(new Float32Array(numel(s)), s, readRequiresGrad('zeros', options));
}

export function ones(shape: readonly number[], options: { requiresGrad?: boolean } = {}): Tensor {
  const s = checkShape('ones', shape);
  return Tensor.internal(new Float32Array(numel(s)).fill(1), s, readRequiresGrad('ones', options));
}

/** Values start, start + step, ... below end, as `torch.arange` (`arange(n)` is 0 .. n - 1). */
export function arange(
  start: number,
  end?: number,
  step = 1,
  options: { requiresGrad?: boolean } = {},
): Tensor {
  const [from, to] = end === undefined ? [0, start] : [start, end];
  if (![from, to, step].every(Number.isFinite) || step === 0) {
    throw new Error(
      `arange: start, end and step must be finite numbers with step not 0, got ${from}, ${to}, ${step}`,
    );
  }
  const count = Math.max(0, Math.ceil((to - from) / step));
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++) values[i] = from + i * step;
  return Tensor.internal(values, [count], readRequiresGrad('arange', options));
}

function readGenerator(op: string, options: RandomOptions): Generator {
  const g = options.generator ?? defaultGenerator;
  if (!(g instanceof Generator))
    throw new Error(`${op}: generator must be a Generator, got ${describeValue(g)}`);
  return g;
}

/** Uniform values in [0, 1), as `torch.rand`. */
export function rand(shape: readonly number[], options: RandomOptions = {}): Tensor {
  const s = checkShape('rand', shape);
  const g = readGenerator('rand', options);
  const values = new Float32Array(numel(s));
  for (let i = 0; i < values.length; i++) values[i] = g.uniform();
  // float32 rounding can turn a value just below 1 into 1; keep the interval half-open as PyTorch does.
  for (let i = 0; i < values.length; i++) if (values[i] === 1) values[i] = 1 - 2 ** -24;
  return Tensor.internal(values, s, readRequiresGrad('rand', options));
}

/** Standard normal values, as `torch.randn`. */
export function randn(shape: readonly number[], options: RandomOptions = {}): Tensor {
  const s = checkShape('randn', shape);
  const g = readGenerator('randn', options);
  const values = new Float32Array(numel(s));
  for (let i = 0; i < values.length; i++) values[i] = g.normal();
  return Tensor.internal(values, s, readRequiresGrad('randn', options));
}

/** Uniform values in [low, high), for parameter initialisation (`torch.nn.init.uniform_`). */
export function uniform(shape: readonly number[], low: number, high: number, generator: Generator): Tensor {
  const values = new Float32Array(numel(shape));
  for (let i = 0; i < values.length; i++) values[i] = low + (high - low) * generator.uniform();
  return Tensor.internal(values, shape, false);
}
