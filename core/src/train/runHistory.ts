// A run's record, epoch by epoch: the loss, the weight gradient and the weights after the update, so a
// view can show any epoch of the run (the Epoch slider). The worker owns one; the renderer keeps a
// mirror that applies the worker's deltas. A long run is decimated with the lab file's own rule
// (formats/lossHistory.ts `storedHistory`, the bucket minima and maxima of the loss): the record holds
// every epoch until it reaches twice LIMITS.historyPoints, then keeps the records that rule keeps, so
// every run of up to 40,000 epochs is recorded whole and a file stores what the record holds.
import { storedHistory } from '../formats/lossHistory.ts';
import { LIMITS } from '../limits.ts';

/** Records as plain data (structured clone copies it). */
export interface EpochRecords {
  /** The epoch (from 1, rising) of each record. */
  epochs: number[];
  /** The loss of each epoch, taken before its update (as the notebook prints it). */
  losses: number[];
  /**
   * The weights after each epoch's update, `weightSize` values per record, record after record.
   * NaN: not recorded (a history restored from a file holds losses only).
   */
  weights: Float32Array;
  /** The gradient of each epoch's loss (before its update), laid out as `weights`. */
  gradients: Float32Array;
}

/** What changed since a caller's last look: records to append, or (`replace`) the whole record. */
export interface EpochRecordsDelta extends EpochRecords {
  replace: boolean;
  /** The record's revision after this delta (see RunHistory.revision). */
  revision: number;
}

/** The record reaches this many entries before it is decimated down to LIMITS.historyPoints. */
const DECIMATE_AT = 2 * LIMITS.historyPoints.max;
const FIRST_CAPACITY = 256;

export class RunHistory {
  /** Bumped whenever records are removed (decimation, clear), so a mirror knows a delta will not do. */
  revision = 0;
  private epochList: number[] = [];
  private lossList: number[] = [];
  private weightBuffer: Float32Array;
  private gradientBuffer: Float32Array;
  /** The weights at epoch 0: where the run starts. */
  private startWeights: Float32Array;

  constructor(
    readonly weightSize: number,
    start: ArrayLike<number> = new Float32Array(weightSize),
  ) {
    this.weightBuffer = new Float32Array(FIRST_CAPACITY * weightSize);
    this.gradientBuffer = new Float32Array(FIRST_CAPACITY * weightSize);
    this.startWeights = Float32Array.from(start);
  }

  get count(): number {
    return this.epochList.length;
  }

  get epochs(): readonly number[] {
    return this.epochList;
  }

  get losses(): readonly number[] {
    return this.lossList;
  }

  /** The last recorded epoch (0 when nothing is). */
  get lastEpoch(): number {
    return this.epochList.at(-1) ?? 0;
  }

  /** Forgets every record; the run starts again from `start`. */
  clear(start: ArrayLike<number>): void {
    this.epochList = [];
    this.lossList = [];
    this.startWeights = Float32Array.from(start);
    this.revision++;
  }

  /** Appends epoch `epoch` (after the last one): its loss and gradient, and the weights after its update. */
  record(epoch: number, loss: number, weight: ArrayLike<number>, gradient: ArrayLike<number>): void {
    const at = this.count;
    this.ensureCapacity(at + 1);
    this.epochList.push(epoch);
    this.lossList.push(loss);
    this.weightBuffer.set(weight, at * this.weightSize);
    this.gradientBuffer.set(gradient, at * this.weightSize);
    if (this.count >= DECIMATE_AT) this.decimate();
  }

  /** Appends losses without weights (a history read from a file), NaN in their weights and gradients. */
  recordLossesOnly(epochs: readonly number[], losses: readonly number[]): void {
    const nan = new Float32Array(this.weightSize).fill(Number.NaN);
    for (let i = 0; i < losses.length; i++) this.record(epochs[i], losses[i], nan, nan);
  }

  /** Overwrites the weights and gradient of the last record (the final ones of a restored run). */
  setLast(weight: ArrayLike<number>, gradient: ArrayLike<number> | null): void {
    const at = (this.count - 1) * this.weightSize;
    if (at < 0) return;
    this.weightBuffer.set(weight, at);
    if (gradient !== null) this.gradientBuffer.set(gradient, at);
  }

  /** The weights after `epoch` (epoch 0: the start), or null when that epoch is not recorded. */
  weightsAt(epoch: number): Float32Array | null {
    if (epoch === 0) return Float32Array.from(this.startWeights);
    const at = this.indexOf(epoch);
    return at < 0 ? null : this.recorded(this.weightBuffer, at);
  }

  /** The gradient of `epoch`'s loss, or null when that epoch is not recorded. */
  gradientAt(epoch: number): Float32Array | null {
    const at = this.indexOf(epoch);
    return at < 0 ? null : this.recorded(this.gradientBuffer, at);
  }

  /** The loss of `epoch`, or null when that epoch is not recorded. */
  lossAt(epoch: number): number | null {
    const at = this.indexOf(epoch);
    return at < 0 ? null : this.lossList[at];
  }

  /** The weights at epoch 0. */
  get start(): Float32Array {
    return Float32Array.from(this.startWeights);
  }

  /** The records after `epoch`, as a delta; the whole record when `revision` is not the caller's. */
  since(epoch: number, revision: number): EpochRecordsDelta {
    const replace = revision !== this.revision;
    let from = 0;
    if (!replace) {
      from = this.count;
      while (from > 0 && this.epochList[from - 1] > epoch) from--;
    }
    return { ...this.slice(from), replace, revision: this.revision };
  }

  /** Every record, as plain data. */
  all(): EpochRecords {
    return this.slice(0);
  }

  /** Applies a delta from another RunHistory (the worker's): appends its records, or takes them all. */
  apply(delta: EpochRecordsDelta, start?: ArrayLike<number>): void {
    if (delta.replace) {
      this.epochList = [];
      this.lossList = [];
      if (start !== undefined) this.startWeights = Float32Array.from(start);
    } else {
      // A delta that overlaps what is here replaces the overlap.
      let keep = this.count;
      while (keep > 0 && this.epochList[keep - 1] >= (delta.epochs[0] ?? Infinity)) keep--;
      this.epochList.length = keep;
      this.lossList.length = keep;
    }
    this.ensureCapacity(this.count + delta.epochs.length);
    const n = this.weightSize;
    for (let i = 0; i < delta.epochs.length; i++) {
      const at = this.count;
      this.epochList.push(delta.epochs[i]);
      this.lossList.push(delta.losses[i]);
      this.weightBuffer.set(delta.weights.subarray(i * n, (i + 1) * n), at * n);
      this.gradientBuffer.set(delta.gradients.subarray(i * n, (i + 1) * n), at * n);
    }
    this.revision = delta.revision;
  }

  /** The index of `epoch`'s record (binary search: epochs rise), or -1. */
  private indexOf(epoch: number): number {
    let low = 0;
    let high = this.count - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const e = this.epochList[mid];
      if (e === epoch) return mid;
      if (e < epoch) low = mid + 1;
      else high = mid - 1;
    }
    return -1;
  }

  private recorded(buffer: Float32Array, at: number): Float32Array | null {
    const values = buffer.slice(at * this.weightSize, (at + 1) * this.weightSize);
    return values.length > 0 && Number.isNaN(values[0]) ? null : values;
  }

  private slice(from: number): EpochRecords {
    const n = this.weightSize;
    return {
      epochs: this.epochList.slice(from),
      losses: this.lossList.slice(from),
      weights: this.weightBuffer.slice(from * n, this.count * n),
      gradients: this.gradientBuffer.slice(from * n, this.count * n),
    };
  }

  private ensureCapacity(records: number): void {
    const needed = records * this.weightSize;
    if (needed <= this.weightBuffer.length) return;
    const size = Math.max(needed, 2 * this.weightBuffer.length);
    const grow = (old: Float32Array) => {
      const next = new Float32Array(size);
      next.set(old);
      return next;
    };
    this.weightBuffer = grow(this.weightBuffer);
    this.gradientBuffer = grow(this.gradientBuffer);
  }

  /** Keeps the records the lab file's decimation keeps (storedHistory over the record's losses). */
  private decimate(): void {
    // Passing the record indices as the "epochs" makes storedHistory name the indices it keeps.
    const indices = this.epochList.map((_, i) => i);
    const kept = storedHistory(this.lossList, indices).lossHistoryEpochs ?? indices;
    const n = this.weightSize;
    kept.forEach((from, to) => {
      this.epochList[to] = this.epochList[from];
      this.lossList[to] = this.lossList[from];
      this.weightBuffer.copyWithin(to * n, from * n, (from + 1) * n);
      this.gradientBuffer.copyWithin(to * n, from * n, (from + 1) * n);
    });
    this.epochList.length = kept.length;
    this.lossList.length = kept.length;
    this.revision++;
  }
}
