// Telling a diverging run from the loss itself, before it reaches Infinity. At learning rate 0.1 the
// opening scene's loss grows about 25-fold per epoch (3.2, 26, 660, 16,000, ...) and would reach 4e12
// by epoch 10 while every value is still finite. Two rules, each of which an ordinary run never meets:
//   - fast growth: the loss grew by at least GROWTH_FACTOR in each of the last GROWTH_EPOCHS epochs
//     and is GROWTH_ABOVE times the run's starting scale. A converging run with momentum bounces, but
//     not five times in a row by half again; Adam at learning rate 1 can grow for 50 epochs from
//     1e-12 to 8 times its start and then settle again, which the height bar leaves alone;
//   - far above the start: the loss is FAR_ABOVE times the starting scale (a slow divergence, 1.2x
//     per epoch, is caught here).
// The starting scale is the larger of the first loss and the loss of an all-zero output (the
// target's own size): a run that starts at the optimum (the learned kernel as its start) may
// move away from it by a lot relative to a tiny first loss, but not beyond the target's size.

/** Growth per epoch that counts towards the fast-growth rule. */
const GROWTH_FACTOR = 1.5;
/** Consecutive epochs of that growth that make a run diverging. */
const GROWTH_EPOCHS = 5;
/** How far above the starting scale a fast-growing loss must be to count. */
const GROWTH_ABOVE = 100;
/** How far above the starting scale a loss may go before the run counts as diverging. */
const FAR_ABOVE = 1e4;

/** Three significant digits; very large or small values in exponent form (4.12e+9). */
const show = (value: number) =>
  Math.abs(value) >= 1e6 || (value !== 0 && Math.abs(value) < 1e-3)
    ? value.toPrecision(3)
    : String(Number(value.toPrecision(3)));

/** Watches the losses of one run, epoch by epoch; `observe` says why the run diverges, or null. */
export class DivergenceWatch {
  private scale = Number.NaN;
  private previous = Number.NaN;
  private streak = 0;
  private streakStart = { epoch: 0, loss: Number.NaN };

  /** @param zeroOutputLoss the loss of an all-zero output: the target's size in the loss's units. */
  constructor(private readonly zeroOutputLoss: number) {}

  reset(): void {
    this.scale = Number.NaN;
    this.previous = Number.NaN;
    this.streak = 0;
  }

  /** The loss of `epoch` (finite); returns the reason the run is diverging, without the remedy. */
  observe(epoch: number, loss: number): string | null {
    if (Number.isNaN(this.scale)) this.scale = Math.max(loss, this.zeroOutputLoss);
    if (loss >= GROWTH_FACTOR * this.previous && this.previous > 0) {
      if (this.streak === 0) this.streakStart = { epoch: epoch - 1, loss: this.previous };
      this.streak++;
    } else this.streak = 0;
    this.previous = loss;
    if (this.streak >= GROWTH_EPOCHS && loss > GROWTH_ABOVE * this.scale) {
      return `loss grew from ${show(this.streakStart.loss)} at epoch ${this.streakStart.epoch} to ${show(loss)} at epoch ${epoch}`;
    }
    if (this.scale > 0 && loss > FAR_ABOVE * this.scale) {
      return `loss reached ${show(loss)} at epoch ${epoch}, over ${FAR_ABOVE.toLocaleString('en-US')} times its starting scale ${show(this.scale)}`;
    }
    return null;
  }
}
