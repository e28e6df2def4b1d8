import { formatShape, numel, shapesEqual } from '../shape.ts';
import type { Tensor } from '../tensor.ts';
import type { Shaped } from '../shape.ts';

/** One parameter in a state dict: plain JSON, so it can be saved to a file and read back. */
export type ParameterState = Shaped<number[]>;

/** A module's parameters by dotted name (`weight`, `0.bias`), as `torch.nn.Module.state_dict()`. */
export type StateDict = Record<string, ParameterState>;

/**
 * The base of every layer, as `torch.nn.Module`: it owns named parameters (leaf tensors that require
 * grad) and child modules, and computes its output in `forward`. A parameter slot may be empty
 * (`null`) until a lazy module sees its first input.
 */
export abstract class Module {
  private readonly params = new Map<string, Tensor | null>();
  private readonly children = new Map<string, Module>();

  abstract forward(...inputs: Tensor[]): Tensor;

  /** Adds or replaces a parameter; `null` reserves the name for a lazy module's parameter. */
  protected registerParameter(name: string, value: Tensor | null): void {
    if (value !== null) value.requiresGrad = true;
    this.params.set(name, value);
  }

  protected registerModule(name: string, module: Module): void {
    this.children.set(name, module);
  }

  /** The parameter `name`, throwing while a lazy module has not created it yet. */
  protected parameter(name: string): Tensor {
    const value = this.params.get(name);
    if (value === undefined) throw new Error(`${this.constructor.name}: no parameter named ${name}`);
    if (value === null) {
      throw new Error(
        `${this.constructor.name}: ${name} does not exist before the first forward call (its shape is inferred from the input)`,
      );
    }
    return value;
  }

  /** Every parameter with its dotted name, children's after this module's own, in registration order. */
  namedParameters(prefix = ''): Array<[string, Tensor]> {
    const out: Array<[string, Tensor]> = [];
    for (const name of this.params.keys()) out.push([prefix + name, this.parameter(name)]);
    for (const [name, child] of this.children) out.push(...child.namedParameters(`${prefix}${name}.`));
    return out;
  }

  parameters(): Tensor[] {
    return this.namedParameters().map(([, t]) => t);
  }

  /** Clears every parameter's gradient (sets it to null, PyTorch's default set_to_none). */
  zeroGrad(): void {
    for (const p of this.parameters()) p.grad = null;
  }

  stateDict(): StateDict {
    const state: StateDict = {};
    for (const [name, t] of this.namedParameters())
      state[name] = { shape: [...t.shape], data: Array.from(t.data) };
    return state;
  }

  /**
   * Copies values from a state dict into the parameters, in place. The names must match exactly and
   * every shape must equal the parameter's; nothing is changed when any check fails.
   */
  loadStateDict(state: unknown): void {
    if (typeof state !== 'object' || state === null || Array.isArray(state)) {
      throw new Error(
        `loadStateDict: the state must be an object of named parameters, got ${describe(state)}`,
      );
    }
    const entries = state as Record<string, unknown>;
    const named = this.namedParameters();
    const names = new Set(named.map(([n]) => n));
    const missing = [...names].filter((n) => !(n in entries));
    const unexpected = Object.keys(entries).filter((n) => !names.has(n));
    if (missing.length > 0 || unexpected.length > 0) {
      throw new Error(
        `loadStateDict: ${missing.length > 0 ? `missing ${missing.join(', ')}` : ''}${missing.length > 0 && unexpected.length > 0 ? '; ' : ''}${unexpected.length > 0 ? `unexpected ${unexpected.join(', ')}` : ''}`,
      );
    }
    const checked = named.map(([name, t]): [Tensor, readonly number[]] => {
      const entry = entries[name] as Partial<ParameterState> | null;
      if (
        typeof entry !== 'object' ||
        entry === null ||
        !Array.isArray(entry.shape) ||
        !Array.isArray(entry.data)
      ) {
        throw new Error(
          `loadStateDict: ${name} must be { shape: number[], data: number[] }, got ${describe(entry)}`,
        );
      }
      if (!shapesEqual(entry.shape, t.shape)) {
        throw new Error(
          `loadStateDict: ${name} has shape ${formatShape(entry.shape)} in the state but ${formatShape(t.shape)} in the module`,
        );
      }
      if (entry.data.length !== numel(t.shape) || !entry.data.every((v) => typeof v === 'number')) {
        throw new Error(
          `loadStateDict: ${name} must hold ${numel(t.shape)} numbers for shape ${formatShape(t.shape)}, got ${entry.data.length} values`,
        );
      }
      return [t, entry.data];
    });
    for (const [t, data] of checked) t.data.set(data);
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value;
}

/** Modules applied one after the other, as `torch.nn.Sequential`; children are named 0, 1, ... */
export class Sequential extends Module {
  readonly layers: readonly Module[];

  constructor(...layers: Module[]) {
    super();
    layers.forEach((layer, i) => {
      if (!(layer instanceof Module)) throw new Error(`Sequential: layer ${i} is not a Module`);
      this.registerModule(String(i), layer);
    });
    this.layers = layers;
  }

  forward(input: Tensor): Tensor {
    let x = input;
    for (const layer of this.layers) x = layer.forward(x);
    return x;
  }
}
