import type { Tensor } from '../tensor.ts';
import { checkFlag, checkHyper, Optimizer } from './optimizer.ts';

export interface AdamOptions {
  lr?: number;
  betas?: readonly [number, number];
  eps?: number;
  weightDecay?: number;
  amsgrad?: boolean;
  maximize?: boolean;
}

interface AdamState {
  step: number;
  expAvg: Float32Array;
  expAvgSq: Float32Array;
  maxExpAvgSq: Float32Array | null;
}

/**
 * Adam with PyTorch 1.13's update (torch.optim.Adam, single-tensor path), per value, at step t:
 *   g = g + weightDecay * p
 *   m = beta1 * m + (1 - beta1) * g;   v = beta2 * v + (1 - beta2) * g^2
 *   p = p - lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * (amsgrad uses the running maximum of v.) Defaults as PyTorch: lr 1e-3, betas [0.9, 0.999], eps 1e-8.
 */
export class Adam extends Optimizer {
  readonly lr: number;
  readonly betas: readonly [number, number];
  readonly eps: number;
  readonly weightDecay: number;
  readonly amsgrad: boolean;
  readonly maximize: boolean;
  private readonly state = new Map<Tensor, AdamState>();

  constructor(params: Iterable<Tensor>, options: AdamOptions = {}) {
    super('Adam', params);
    this.lr = checkHyper('Adam', 'lr', options.lr ?? 1e-3);
    const betas = options.betas ?? [0.9, 0.999];
    if (!Array.isArray(betas) || betas.length !== 2) {
      throw new Error(`Adam: betas must be a pair [beta1, beta2], got ${JSON.stringify(betas)}`);
    }
    this.betas = [checkHyper('Adam', 'betas[0]', betas[0], 1), checkHyper('Adam', 'betas[1]', betas[1], 1)];
    this.eps = checkHyper('Adam', 'eps', options.eps ?? 1e-8);
    this.weightDecay = checkHyper('Adam', 'weightDecay', options.weightDecay ?? 0);
    this.amsgrad = checkFlag('Adam', 'amsgrad', options.amsgrad ?? false);
    this.maximize = checkFlag('Adam', 'maximize', options.maximize ?? false);
  }

  step(): void {
    const [beta1, beta2] = this.betas;
    const { lr, eps, weightDecay } = this;
    const sign = this.maximize ? -1 : 1;
    for (const p of this.params) {
      if (p.grad === null) continue;
      let s = this.state.get(p);
      if (s === undefined) {
        const n = p.data.length;
        s = {
          step: 0,
          expAvg: new Float32Array(n),
          expAvgSq: new Float32Array(n),
          maxExpAvgSq: this.amsgrad ? new Float32Array(n) : null,
        };
        this.state.set(p, s);
      }
      s.step++;
      const stepSize = lr / (1 - beta1 ** s.step);
      const correction2Sqrt = Math.sqrt(1 - beta2 ** s.step);
      const w = p.data;
      const g = p.grad.data;
      const { expAvg: m, expAvgSq: v, maxExpAvgSq: vMax } = s;
      // One pass over the flat parameter; every state array shares its row-major layout.
      for (let i = 0; i < w.length; i++) {
        let d = sign * g[i];
        if (weightDecay !== 0) d = Math.fround(d + weightDecay * w[i]);
        m[i] = Math.fround(m[i] * beta1) + (1 - beta1) * d;
        v[i] = Math.fround(v[i] * beta2) + (1 - beta2) * Math.fround(d * d);
        let second = v[i];
        if (vMax !== null) {
          if (v[i] > vMax[i]) vMax[i] = v[i];
          second = vMax[i];
        }
        const denom = Math.fround(Math.fround(Math.sqrt(second)) / correction2Sqrt) + eps;
        w[i] = w[i] - stepSize * Math.fround(m[i] / Math.fround(denom));
      }
    }
  }
}
