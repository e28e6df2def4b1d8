// The trained path through every epoch the run's record holds, for the loss surface: the two weights
// after each update, epoch 0 (the start) first. Built incrementally, because the record grows by a few
// epochs a frame during a run and can hold 100,000 of them: an update reads only the epochs it has not
// seen, and rebuilds only when the record is not an extension of the one before (a new run, a reset, or
// a long record decimated).
import type { WeightPath, WeightPoint } from './descentPaths.ts';

/** The weights of a recorded epoch (the trainer's record), or null when it holds none. */
export type WeightsAtEpoch = (epoch: number) => ArrayLike<number> | null;

export class EpochPath {
  private epochs: number[] = [];
  private points: WeightPoint[] = [];
  private path: WeightPath = [];

  /** The path through `epochs` (increasing); the same array as before when nothing changed. */
  update(epochs: readonly number[], weightsAt: WeightsAtEpoch): WeightPath {
    if (!this.extends(epochs, weightsAt)) {
      this.epochs = [];
      this.points = [];
    }
    const before = this.points.length;
    for (let i = this.epochs.length; i < epochs.length; i++) {
      const w = weightsAt(epochs[i]);
      // A kernel of more than two weights has no surface to draw on.
      if (w === null || w.length !== 2) return this.clear();
      this.epochs.push(epochs[i]);
      this.points.push([w[0], w[1]]);
    }
    if (this.points.length !== before || this.path.length !== this.points.length)
      this.path = this.points.slice();
    return this.path;
  }

  /** Whether `epochs` starts with the epochs seen so far, at the same first and last weights. */
  private extends(epochs: readonly number[], weightsAt: WeightsAtEpoch): boolean {
    const k = this.epochs.length;
    if (k === 0 || epochs.length < k) return false;
    // The record only grows or drops epochs: if one of the first k went, the k-th entry moved.
    if (epochs[0] !== this.epochs[0] || epochs[k - 1] !== this.epochs[k - 1]) return false;
    return (
      samePoint(weightsAt(epochs[0]), this.points[0]) &&
      samePoint(weightsAt(epochs[k - 1]), this.points[k - 1])
    );
  }

  private clear(): WeightPath {
    this.epochs = [];
    this.points = [];
    if (this.path.length > 0) this.path = [];
    return this.path;
  }
}

const samePoint = (w: ArrayLike<number> | null, p: WeightPoint): boolean =>
  w !== null && w.length === 2 && w[0] === p[0] && w[1] === p[1];
