// One training step of the notebook's example (D2L 7.2.4): learn K = [1, -1] from the 6x8 image X and
// Y = corr2d(X, K) with a 1x2 conv2d, squared loss, backward and a plain SGD update in place.
import { fromOp } from '../src/autograd/graph.ts';
import { conv2d, corr2d } from '../src/conv/index.ts';
import { Tensor } from '../src/tensor.ts';

/** The tensor methods the step uses, written by the elementwise/reduction part of the core. */
interface LossMethods {
  sub(other: Tensor): Tensor & LossMethods;
  pow(exponent: number): Tensor & LossMethods;
  sum(): Tensor;
}

function hasLossMethods(t: Tensor): t is Tensor & LossMethods {
  const methods = t as unknown as Record<string, unknown>;
  return (
    typeof methods.sub === 'function' &&
    typeof methods.pow === 'function' &&
    typeof methods.sum === 'function'
  );
}

/** sum((yHat - y)^2) as one op, for when the core's elementwise ops are not available. */
function squaredErrorSum(yHat: Tensor, y: Tensor): Tensor {
  let s = 0;
  for (let i = 0; i < yHat.data.length; i++) s += (yHat.data[i] - y.data[i]) ** 2;
  return fromOp('squaredErrorSum', new Float32Array([s]), [], [yHat], (g) => {
    const grad = new Float32Array(yHat.data.length);
    for (let i = 0; i < grad.length; i++) grad[i] = 2 * (yHat.data[i] - y.data[i]) * g[0];
    return [grad];
  });
}

export interface TrainingStep {
  step: () => void;
  /** How the loss was computed, for the report. */
  loss: string;
  weight: Tensor;
}

export async function notebookTrainingStep(): Promise<TrainingStep> {
  // Load the whole public API so that methods other modules add to Tensor are present.
  await import('../src/index.ts').catch(() => undefined);
  const image = new Float32Array(48).fill(1);
  for (let r = 0; r < 6; r++) for (let c = 2; c < 6; c++) image[r * 8 + c] = 0;
  const X = Tensor.internal(image, [1, 1, 6, 8], false);
  const target = corr2d(
    Tensor.internal(image, [6, 8], false),
    Tensor.internal(new Float32Array([1, -1]), [1, 2], false),
  );
  const Y = Tensor.internal(target.data, [1, 1, 6, 7], false);
  const weight = Tensor.internal(new Float32Array([0.3, -0.2]), [1, 1, 1, 2], true);
  const lr = 3e-2;
  const useCoreOps = hasLossMethods(Y);
  const step = () => {
    const yHat = conv2d(X, weight);
    const loss = hasLossMethods(yHat) ? yHat.sub(Y).pow(2).sum() : squaredErrorSum(yHat, Y);
    weight.grad = null;
    loss.backward();
    const w = weight.data;
    const g = weight.grad!.data;
    for (let i = 0; i < w.length; i++) w[i] -= lr * g[i];
  };
  return {
    step,
    loss: useCoreOps
      ? 'conv2d, sub, pow(2), sum, backward, in-place SGD update'
      : 'conv2d, a hand-written squared-error op (the core has no sub/pow/sum yet), backward, in-place SGD update',
    weight,
  };
}
