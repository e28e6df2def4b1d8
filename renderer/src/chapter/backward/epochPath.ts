// The trained path through every epoch the run's record holds, for the loss surface: the two weights
// after each update, epoch 0 (the start) first. Built incrementally, because the record grows by a few
// epochs a frame during a run and can hold 100,000 of them: an update reads only the epochs it has not
// seen, and rebuilds only when the record is not an extension of the one before (a new run, a reset, or
// a long record decimated). Epochs whose weights the record did not keep (a run restored from a file
// keeps only its losses) are left out of the path.
import type { WeightPath, WeightPoint } from './descentPaths.ts';

/** The weights of a recorded epoch (the trainer's record), or null when it holds none. */
export type WeightsAtEpoch = (epoch: number) => ArrayLike<number> | null;

/** Two weights as read, NaN included, to tell whether the record still holds what was read. */
type Read = readonly [number, number];

export class EpochPath {
  /** Every epoch read so far, and the weights read at the first and the last of them. */
  private epochs: number[] = [];
  private first: Read = [NaN, NaN];
  private last: Read = [NaN, NaN];
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
      const read: Read = [w[0], w[1]];
      if (this.epochs.length === 0) this.first = read;
      this.last = read;
      this.epochs.push(epochs[i]);
      if (Number.isFinite(read[0]) && Number.isFinite(read[1])) this.points.push(read);
    }
    if (this.points.length !== before || this.path.length !== this.points.length)
      this.path = this.points.slice();
    return this.path;
  }

  /** Whether `epochs` starts with the epochs read so far, at the same first and last weights. */
  private extends(epochs: readonly number[], weightsAt: WeightsAtEpoch): boolean {
    const k = this.epochs.length;
    if (k === 0 || epochs.length < k) return false;
    // The record only grows or drops epochs: if one of the first k went, the k-th entry moved.
    if (epochs[0] !== this.epochs[0] || epochs[k - 1] !== this.epochs[k - 1]) return false;
    return sameRead(weightsAt(epochs[0]), this.first) && sameRead(weightsAt(epochs[k - 1]), this.last);
  }

  private clear(): WeightPath {
    this.epochs = [];
    this.points = [];
    if (this.path.length > 0) this.path = [];
    return this.path;
  }
}

const sameRead = (w: ArrayLike<number> | null, read: Read): boolean =>
  w !== null && w.length === 2 && Object.is(w[0], read[0]) && Object.is(w[1], read[1]);
