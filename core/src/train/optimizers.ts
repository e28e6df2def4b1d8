// Parameter updates with PyTorch's formulas (torch.optim.SGD with dampening 0, torch.optim.Adam with
// eps 1e-8), acting in place on the trainer's flat Float32Array parameters.
import type { OptimizerConfig } from './experiment.ts';

export interface ParameterUpdater {
  /** Updates `params[i]` in place from `grads[i]` (same lengths, same order on every call). */
  step(params: readonly Float32Array[], grads: readonly Float32Array[]): void;
}

export function makeUpdater(config: OptimizerConfig): ParameterUpdater {
  return config.kind === 'sgd'
    ? new Sgd(config.lr, config.momentum ?? 0, config.nesterov ?? false)
    : new Adam(config.lr, config.betas ?? [0.9, 0.999]);
}

class Sgd implements ParameterUpdater {
  private buffers: Float32Array[] | null = null;
  constructor(
    private readonly lr: number,
    private readonly momentum: number,
    private readonly nesterov: boolean,
  ) {}

  step(params: readonly Float32Array[], grads: readonly Float32Array[]): void {
    const { lr, momentum, nesterov } = this;
    if (momentum === 0) {
      for (let k = 0; k < params.length; k++) {
        const p = params[k];
        const g = grads[k];
        for (let i = 0; i < p.length; i++) p[i] -= lr * g[i];
      }
      return;
    }
    // First step: the momentum buffer starts as the gradient itself, as in PyTorch.
    const first = this.buffers === null;
    this.buffers ??= grads.map((g) => new Float32Array(g.length));
    for (let k = 0; k < params.length; k++) {
      const p = params[k];
      const g = grads[k];
      const buf = this.buffers[k];
      for (let i = 0; i < p.length; i++) {
        buf[i] = first ? g[i] : momentum * buf[i] + g[i];
        const direction = nesterov ? g[i] + momentum * buf[i] : buf[i];
        p[i] -= lr * direction;
      }
    }
  }
}

class Adam implements ParameterUpdater {
  private firstMoments: Float32Array[] | null = null;
  private secondMoments: Float32Array[] = [];
  private steps = 0;
  constructor(
    private readonly lr: number,
    private readonly betas: readonly [number, number],
  ) {}

  step(params: readonly Float32Array[], grads: readonly Float32Array[]): void {
    const [beta1, beta2] = this.betas;
    const eps = 1e-8;
    if (this.firstMoments === null) {
      this.firstMoments = grads.map((g) => new Float32Array(g.length));
      this.secondMoments = grads.map((g) => new Float32Array(g.length));
    }
    this.steps++;
    const stepSize = this.lr / (1 - beta1 ** this.steps);
    const correction2 = Math.sqrt(1 - beta2 ** this.steps);
    for (let k = 0; k < params.length; k++) {
      const p = params[k];
      const g = grads[k];
      const m = this.firstMoments[k];
      const v = this.secondMoments[k];
      for (let i = 0; i < p.length; i++) {
        m[i] = beta1 * m[i] + (1 - beta1) * g[i];
        v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
        p[i] -= (stepSize * m[i]) / (Math.sqrt(v[i]) / correction2 + eps);
      }
    }
  }
}
