// The run's weights as the training state reports them today: the newest weights at most once an
// animation frame (so a point per report, not per epoch). EpochPath turns this record into the trained
// path, as it will the trainer's own per-epoch record.
import type { Grid } from '../../lib/grid.ts';

export class ReportedWeights {
  /** The reported epochs, increasing; `weights[i]` is epoch `epochs[i]`'s. */
  readonly epochs: number[] = [];
  private readonly weights: Float32Array[] = [];

  /**
   * Adds a report: one at epoch 0 or going back in time (a reset, a new run) starts over, a later epoch
   * appends, the same epoch replaces (a restored run). No weights forget the run. Returns the epochs.
   */
  report(epoch: number, weights: Grid | null): readonly number[] {
    const last = this.epochs.length - 1;
    if (weights === null || epoch === 0 || epoch < this.epochs[last]) {
      this.epochs.length = 0;
      this.weights.length = 0;
    } else if (epoch === this.epochs[last]) {
      this.epochs.pop();
      this.weights.pop();
    }
    if (weights !== null) {
      this.epochs.push(epoch);
      this.weights.push(Float32Array.from(weights.data));
    }
    return this.epochs;
  }

  /** The weights reported for `epoch`, or null when it was not reported. */
  weightsAt(epoch: number): Float32Array | null {
    // Most reads are of the newest epochs; the epochs increase, so a binary search finds any other.
    let lo = 0;
    let hi = this.epochs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.epochs[mid] === epoch) return this.weights[mid];
      if (this.epochs[mid] < epoch) lo = mid + 1;
      else hi = mid - 1;
    }
    return null;
  }
}
