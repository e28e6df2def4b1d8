// The short form of the learnability verdict the training area shows: its first clause (the cause, e.g.
// "The input has no change along the kernel's horizontal direction") and the direction the weights
// never move in, pointing to the Backward pass tab for the whole story.
import { formatNumber } from '../../lib/format.ts';
import type { Learnability } from '../../../../core/src/explain/index.ts';

/** A unit null vector as the kernel it is, scaled so its largest entry is ±1: `[1, −1]`. */
export function formatDirection(v: ArrayLike<number>, height: number, width: number): string {
  let peak = 0;
  for (let i = 0; i < v.length; i++) if (Math.abs(v[i]) > Math.abs(peak)) peak = v[i];
  const rows: string[] = [];
  for (let r = 0; r < height; r++) {
    const cells = Array.from({ length: width }, (_, c) => formatNumber(v[r * width + c] / peak, 2));
    rows.push(`[${cells.join(', ')}]`);
  }
  return height === 1 ? rows[0] : `[${rows.join(', ')}]`;
}

export function shortLearnabilityNote(result: Learnability): string | null {
  if (result.learnable) return null;
  const cause = result.reason.split(':')[0];
  const more = 'The Backward pass tab below shows why.';
  if (result.rank === 0) return `${cause}: no weight changes the output, so the weights never move. ${more}`;
  const direction = formatDirection(result.nullSpace[0], result.kernelHeight, result.kernelWidth);
  return `${cause}: the gradient is always zero along ${direction}, so gradient descent never moves the weights that way. ${more}`;
}
