import { Tensor } from '../tensor.ts';

/**
 * The gradient rule of one op: given the gradient of the loss with respect to the op's output (same
 * shape as the output, row-major), return the gradient with respect to each input, in the inputs'
 * order and each of that input's shape (already summed over broadcast dimensions), or `null` where an
 * input needs none. The returned arrays may be fresh or shared; the engine never writes into them.
 */
export type BackwardRule = (gradOutput: Float32Array) => ReadonlyArray<Float32Array | null>;

/** How an op's output came to be: kept on the output while gradients are being recorded. */
export interface GradNode {
  readonly op: string;
  readonly inputs: readonly Tensor[];
  readonly backward: BackwardRule;
}

let gradEnabled = true;

/** Run `fn` without recording a graph, as `torch.no_grad()` does; restores the previous mode after. */
export function noGrad<T>(fn: () => T): T {
  const previous = gradEnabled;
  gradEnabled = false;
  try {
    return fn();
  } finally {
    gradEnabled = previous;
  }
}

export function isGradEnabled(): boolean {
  return gradEnabled;
}

/**
 * The one way an op makes its output: `data` laid out row-major in `shape`. The output records the
 * op's gradient rule only when gradients are on and some input wants one, so inference builds no graph.
 */
export function fromOp(
  op: string,
  data: Float32Array,
  shape: readonly number[],
  inputs: readonly Tensor[],
  backward: BackwardRule,
): Tensor {
  let wantsGrad = false;
  if (gradEnabled) for (let i = 0; i < inputs.length && !wantsGrad; i++) wantsGrad = inputs[i].requiresGrad;
  const node: GradNode | null = wantsGrad ? { op, inputs, backward } : null;
  return Tensor.internal(data, shape, wantsGrad, node);
}

/**
 * Reverse-mode sweep from `root`, seeded with `seed`. The order is a topological sort done with an
 * explicit stack (never recursion), so a graph of 100,000 nodes does not overflow the call stack.
 * Gradients flowing into a tensor used more than once are summed; leaves add into `.grad`, so a second
 * backward through a new graph accumulates, as in PyTorch.
 */
export function runBackward(root: Tensor, seed: Float32Array): void {
  const order = topologicalOrder(root);
  const grads = new Map<Tensor, Float32Array>();
  grads.set(root, seed);
  for (let i = order.length - 1; i >= 0; i--) {
    const t = order[i];
    const g = grads.get(t);
    if (g === undefined) continue;
    const node = t.gradNode;
    if (node === null) {
      if (t.requiresGrad) t.accumulateGrad(g);
      continue;
    }
    grads.delete(t); // intermediate gradients are not kept, as in PyTorch
    const inputGrads = node.backward(g);
    if (inputGrads.length !== node.inputs.length) {
      throw new Error(
        `backward: the gradient rule of ${node.op} returned ${inputGrads.length} gradients for ${node.inputs.length} inputs`,
      );
    }
    for (let k = 0; k < node.inputs.length; k++) {
      const input = node.inputs[k];
      const gi = inputGrads[k];
      if (gi === null || !input.requiresGrad) continue;
      if (gi.length !== input.data.length) {
        throw new Error(
          `backward: the gradient rule of ${node.op} returned ${gi.length} values for input ${k} of ${input.data.length}`,
        );
      }
      const previous = grads.get(input);
      if (previous === undefined) {
        grads.set(input, gi);
      } else {
        // Copy before adding: a rule may hand back an array it shares with another input.
        const sum = Float32Array.from(previous);
        for (let j = 0; j < sum.length; j++) sum[j] += gi[j];
        grads.set(input, sum);
      }
    }
  }
}

/** Tensors reachable from `root` through recorded ops, each after all of its inputs. */
function topologicalOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const visited = new Set<Tensor>();
  // Each frame is a tensor and the index of the next input to visit; a frame is emitted when done.
  const stack: Array<[Tensor, number]> = [[root, 0]];
  visited.add(root);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    const [t, next] = frame;
    const inputs = t.gradNode?.inputs ?? [];
    if (next < inputs.length) {
      frame[1] = next + 1;
      const child = inputs[next];
      if (child.requiresGrad && !visited.has(child)) {
        visited.add(child);
        stack.push([child, 0]);
      }
    } else {
      stack.pop();
      order.push(t);
    }
  }
  return order;
}
