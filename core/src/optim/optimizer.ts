import { Tensor } from '../tensor.ts';

/**
 * What every optimizer shares, as `torch.optim.Optimizer` with one parameter group: the parameters
 * (leaf tensors, each listed once) and `zeroGrad`. Updates write into each parameter's `.data` in place.
 */
export abstract class Optimizer {
  readonly params: readonly Tensor[];

  protected constructor(op: string, params: Iterable<Tensor>) {
    if (params === null || typeof params !== 'object' || !(Symbol.iterator in params)) {
      throw new Error(
        `${op}: params must be a list of tensors (e.g. model.parameters()), got ${String(params)}`,
      );
    }
    const list = Array.from(params);
    if (list.length === 0) throw new Error(`${op}: got an empty parameter list`);
    list.forEach((p, i) => {
      if (!(p instanceof Tensor)) throw new Error(`${op}: parameter ${i} is not a Tensor`);
      if (!p.isLeaf)
        throw new Error(
          `${op}: parameter ${i} is not a leaf tensor (it was computed by an op); optimize the leaves`,
        );
    });
    if (new Set(list).size !== list.length)
      throw new Error(`${op}: a parameter appears more than once in the list`);
    this.params = list;
  }

  /** Clears every parameter's gradient (sets it to null, as PyTorch's default set_to_none=True). */
  zeroGrad(): void {
    for (const p of this.params) p.grad = null;
  }

  /** Updates every parameter that has a gradient; parameters whose `.grad` is null are skipped. */
  abstract step(): void;
}

/** Checks that `value` is a finite number at least 0 (and below `below` when given). */
export function checkHyper(op: string, name: string, value: unknown, below?: number): number {
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < 0 ||
    (below !== undefined && value >= below)
  ) {
    const range = below === undefined ? 'a finite number >= 0' : `a number in [0, ${below})`;
    throw new Error(`${op}: ${name} must be ${range}, got ${String(value)}`);
  }
  return value;
}

export function checkFlag(op: string, name: string, value: unknown): boolean {
  if (typeof value !== 'boolean')
    throw new Error(`${op}: ${name} must be true or false, got ${String(value)}`);
  return value;
}
