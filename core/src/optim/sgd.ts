import type { Tensor } from '../tensor.ts';
import { checkFlag, checkHyper, Optimizer } from './optimizer.ts';

export interface SGDOptions {
  lr: number;
  momentum?: number;
  dampening?: number;
  nesterov?: boolean;
  weightDecay?: number;
  /** Ascend instead of descend. */
  maximize?: boolean;
}

/**
 * Stochastic gradient descent with PyTorch 1.13's update (torch.optim.SGD, single-tensor path), per
 * value, with g the gradient:
 *   g = g + weightDecay * p
 *   buf = g on the first step, then momentum * buf + (1 - dampening) * g
 *   g = nesterov ? g + momentum * buf : buf        (when momentum != 0)
 *   p = p - lr * g
 * Intermediates are rounded to float32 where PyTorch stores a float32 tensor.
 */
export class SGD extends Optimizer {
  readonly lr: number;
  readonly momentum: number;
  readonly dampening: number;
  readonly nesterov: boolean;
  readonly weightDecay: number;
  readonly maximize: boolean;
  private readonly buffers = new Map<Tensor, Float32Array>();

  constructor(params: Iterable<Tensor>, options: SGDOptions) {
    super('SGD', params);
    if (typeof options !== 'object' || options === null)
      throw new Error('SGD: options with a learning rate lr are required');
    this.lr = checkHyper('SGD', 'lr', options.lr);
    this.momentum = checkHyper('SGD', 'momentum', options.momentum ?? 0);
    this.dampening = checkHyper('SGD', 'dampening', options.dampening ?? 0);
    this.nesterov = checkFlag('SGD', 'nesterov', options.nesterov ?? false);
    this.weightDecay = checkHyper('SGD', 'weightDecay', options.weightDecay ?? 0);
    this.maximize = checkFlag('SGD', 'maximize', options.maximize ?? false);
    if (this.nesterov && (this.momentum <= 0 || this.dampening !== 0)) {
      throw new Error(
        `SGD: nesterov momentum requires momentum > 0 and dampening 0, got momentum ${this.momentum} and dampening ${this.dampening}`,
      );
    }
  }

  step(): void {
    const { lr, momentum, dampening, nesterov, weightDecay } = this;
    const sign = this.maximize ? -1 : 1;
    for (const p of this.params) {
      if (p.grad === null) continue;
      const w = p.data;
      const g = p.grad.data;
      let buf = this.buffers.get(p);
      const first = buf === undefined;
      if (momentum !== 0 && buf === undefined) {
        buf = new Float32Array(w.length);
        this.buffers.set(p, buf);
      }
      // One pass over the flat parameter; w, g and buf share its row-major layout.
      for (let i = 0; i < w.length; i++) {
        let d = sign * g[i];
        if (weightDecay !== 0) d = Math.fround(d + weightDecay * w[i]);
        if (buf !== undefined) {
          buf[i] = first ? d : Math.fround(buf[i] * momentum) + (1 - dampening) * d;
          d = nesterov ? Math.fround(d + momentum * buf[i]) : buf[i];
        }
        w[i] = w[i] - lr * d;
      }
    }
  }
}
