import { evaluateQuadraticLoss, quadraticLossGradient, type QuadraticLoss } from './lossSurface.ts';

export interface DescentOptions {
  readonly lr: number;
  readonly momentum?: number;
  readonly nesterov?: boolean;
  readonly steps: number;
}

/** The weights after each step (index 0 is the start) and the loss at each. */
export interface DescentPath {
  readonly weights: Array<Float64Array>;
  readonly losses: number[];
}

/**
 * Gradient descent on the quadratic loss, step for step as PyTorch's SGD (momentum buffer
 * b = μ·b + g, first step b = g; Nesterov uses g + μ·b): the path the loss-surface view draws, so the
 * effect of the learning rate and the momentum can be seen before (or beside) real training.
 */
export function gradientDescentPath(
  q: QuadraticLoss,
  start: ArrayLike<number>,
  options: DescentOptions,
): DescentPath {
  const fn = 'gradientDescentPath';
  const { lr, steps } = options;
  const momentum = options.momentum ?? 0;
  const nesterov = options.nesterov ?? false;
  if (start.length !== q.size)
    throw new Error(`${fn}: the loss has ${q.size} weights but the start has ${start.length}`);
  if (!Number.isFinite(lr) || lr <= 0) throw new Error(`${fn}: lr must be a positive number, got ${lr}`);
  if (!Number.isFinite(momentum) || momentum < 0 || momentum >= 1) {
    throw new Error(`${fn}: momentum must be in [0, 1), got ${momentum}`);
  }
  if (nesterov && momentum === 0) throw new Error(`${fn}: nesterov needs momentum > 0`);
  if (!Number.isInteger(steps) || steps < 0 || steps > 100_000) {
    throw new Error(`${fn}: steps must be an integer in [0, 100000], got ${steps}`);
  }
  let w = Float64Array.from(start);
  const buffer = new Float64Array(q.size);
  const weights = [Float64Array.from(w)];
  const losses = [evaluateQuadraticLoss(q, w)];
  for (let s = 0; s < steps; s++) {
    const g = quadraticLossGradient(q, w);
    const next = new Float64Array(q.size);
    for (let i = 0; i < q.size; i++) {
      let d = g[i];
      if (momentum !== 0) {
        buffer[i] = s === 0 ? g[i] : momentum * buffer[i] + g[i];
        d = nesterov ? g[i] + momentum * buffer[i] : buffer[i];
      }
      next[i] = w[i] - lr * d;
    }
    w = next;
    weights.push(Float64Array.from(w));
    const loss = evaluateQuadraticLoss(q, w);
    losses.push(loss);
    if (!Number.isFinite(loss)) break; // diverged: the view shows the path up to here
  }
  return { weights, losses };
}
