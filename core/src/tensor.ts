import { runBackward, type GradNode } from './autograd/graph.ts';
import { numel, formatShape } from './shape.ts';
import * as binary from './ops/binary.ts';
import * as unary from './ops/unary.ts';
import * as reduce from './ops/reduce.ts';
import * as layout from './ops/layout.ts';
import { matmul } from './ops/matmul.ts';
import { softmax, logSoftmax } from './ops/softmax.ts';
import { argmax } from './ops/argmax.ts';
import type { Dims } from './ops/reduce.ts';

/** Nested arrays of numbers, as `tensor([[1, 2], [3, 4]])` takes them and `toArray()` gives them back. */
export type NestedArray = number | NestedArray[];

/**
 * A float32 tensor: values in one contiguous row-major `Float32Array` (`data`, the last dimension
 * varying fastest) and a `shape`. A 0-d tensor (shape `[]`) holds one value. Ops never mutate their
 * inputs' data; `grad` is the only field the engine writes into after construction.
 */
export class Tensor {
  readonly data: Float32Array;
  readonly shape: number[];
  requiresGrad: boolean;
  /** The accumulated gradient of a leaf after `backward()`, or `null`; assign `null` to clear it. */
  grad: Tensor | null = null;
  /** @internal The op that produced this tensor while gradients were recorded, or `null` for a leaf. */
  readonly gradNode: GradNode | null;

  private constructor(
    data: Float32Array,
    shape: readonly number[],
    requiresGrad: boolean,
    node: GradNode | null,
  ) {
    this.data = data;
    this.shape = Array.from(shape);
    this.requiresGrad = requiresGrad;
    this.gradNode = node;
  }

  /** @internal Wraps `data` (not copied) in `shape`; for the core's own constructors and `fromOp`. */
  static internal(
    data: Float32Array,
    shape: readonly number[],
    requiresGrad: boolean,
    node: GradNode | null = null,
  ): Tensor {
    if (data.length !== numel(shape)) {
      throw new Error(
        `tensor: ${data.length} values do not fill shape ${formatShape(shape)} (${numel(shape)} values)`,
      );
    }
    return new Tensor(data, shape, requiresGrad, node);
  }

  get ndim(): number {
    return this.shape.length;
  }

  get size(): number {
    return this.data.length;
  }

  /** True for a tensor made by the user rather than by an op, as `torch.Tensor.is_leaf`. */
  get isLeaf(): boolean {
    return this.gradNode === null;
  }

  /** @internal Adds `g` (this tensor's shape) into `.grad`, creating it on first use. */
  accumulateGrad(g: Float32Array): void {
    if (this.grad === null) {
      this.grad = Tensor.internal(Float32Array.from(g), this.shape, false);
      return;
    }
    const acc = this.grad.data;
    for (let i = 0; i < acc.length; i++) acc[i] += g[i];
  }

  /**
   * Computes the gradient of this tensor with respect to every leaf that requires one. Without an
   * argument the tensor must hold a single value (the loss), as in PyTorch.
   */
  backward(gradient?: Tensor): void {
    if (!this.requiresGrad) {
      throw new Error(
        'backward: this tensor does not require grad and has no grad_fn (did every input have requiresGrad false?)',
      );
    }
    let seed: Float32Array;
    if (gradient === undefined) {
      if (this.data.length !== 1) {
        throw new Error(
          `backward: grad can be implicitly created only for a single value, but the tensor has shape ${formatShape(this.shape)}`,
        );
      }
      seed = new Float32Array([1]);
    } else {
      if (gradient.data.length !== this.data.length) {
        throw new Error(
          `backward: gradient has shape ${formatShape(gradient.shape)} but the tensor has shape ${formatShape(this.shape)}`,
        );
      }
      seed = gradient.data;
    }
    runBackward(this, seed);
  }

  /** The single value of a one-element tensor, as a JavaScript number. */
  item(): number {
    if (this.data.length !== 1) {
      throw new Error(
        `item: only a tensor with one value can be converted to a number, got shape ${formatShape(this.shape)}`,
      );
    }
    return this.data[0];
  }

  /** The values as nested arrays in the tensor's shape (a number for a 0-d tensor). */
  toArray(): NestedArray {
    if (this.shape.length === 0) return this.data[0];
    const build = (dim: number, offset: number): NestedArray[] => {
      const n = this.shape[dim];
      const out: NestedArray[] = new Array(n);
      if (dim === this.shape.length - 1) {
        for (let i = 0; i < n; i++) out[i] = this.data[offset + i];
        return out;
      }
      const stride = numel(this.shape.slice(dim + 1));
      for (let i = 0; i < n; i++) out[i] = build(dim + 1, offset + i * stride);
      return out;
    };
    return build(0, 0);
  }

  /** The same values (shared, not copied) cut off from the graph, as `torch.Tensor.detach`. */
  detach(): Tensor {
    return new Tensor(this.data, this.shape, false, null);
  }

  // Ops, as methods mirroring torch.Tensor's (the implementations live in ops/).

  /** this + other with NumPy broadcasting; `other` may be a number. */
  add(other: Tensor | number): Tensor {
    return binary.add(this, other);
  }

  sub(other: Tensor | number): Tensor {
    return binary.sub(this, other);
  }

  mul(other: Tensor | number): Tensor {
    return binary.mul(this, other);
  }

  div(other: Tensor | number): Tensor {
    return binary.div(this, other);
  }

  neg(): Tensor {
    return unary.neg(this);
  }

  pow(exponent: number): Tensor {
    return unary.pow(this, exponent);
  }

  exp(): Tensor {
    return unary.exp(this);
  }

  log(): Tensor {
    return unary.log(this);
  }

  relu(): Tensor {
    return unary.relu(this);
  }

  sigmoid(): Tensor {
    return unary.sigmoid(this);
  }

  tanh(): Tensor {
    return unary.tanh(this);
  }

  abs(): Tensor {
    return unary.abs(this);
  }

  /** Sum over `dim` (one or several; all when omitted, giving shape []). */
  sum(dim?: Dims, keepdim = false): Tensor {
    return reduce.sum(this, dim, keepdim);
  }

  mean(dim?: Dims, keepdim = false): Tensor {
    return reduce.mean(this, dim, keepdim);
  }

  /** The maximum over everything (shape []) or along `dim` (the values; see ops/reduce.ts for ties). */
  max(dim?: number, keepdim = false): Tensor {
    return reduce.max(this, dim, keepdim);
  }

  /** The index of the largest value (first on ties), flattened or along `dim`, as float values. */
  argmax(dim?: number, keepdim = false): Tensor {
    return argmax(this, dim, keepdim);
  }

  softmax(dim: number): Tensor {
    return softmax(this, dim);
  }

  logSoftmax(dim: number): Tensor {
    return logSoftmax(this, dim);
  }

  /** Dimensions startDim..endDim (default all) merged into one, as `torch.flatten`. */
  flatten(startDim = 0, endDim = -1): Tensor {
    return layout.flatten(this, startDim, endDim);
  }

  /** The same values in `shape`; one dimension may be -1. */
  reshape(shape: readonly number[]): Tensor {
    return layout.reshape(this, shape);
  }

  transpose(dim0: number, dim1: number): Tensor {
    return layout.transpose(this, dim0, dim1);
  }

  /** `permute(2, 0, 1)` or `permute([2, 0, 1])`. */
  permute(...dims: number[] | [readonly number[]]): Tensor {
    const list = dims.length === 1 && Array.isArray(dims[0]) ? dims[0] : (dims as number[]);
    return layout.permute(this, list);
  }

  flip(dims: number | readonly number[]): Tensor {
    return layout.flip(this, dims);
  }

  matmul(other: Tensor): Tensor {
    return matmul(this, other);
  }

  toString(): string {
    return `tensor(${JSON.stringify(this.toArray())}, shape=${formatShape(this.shape)}${this.requiresGrad ? ', requiresGrad=true' : ''})`;
  }
}
