// The channels mini-lab's data: a [C, H, W] input (the chapter's example, the lab's grid stacked with
// transformed copies, or a colour image's red, green and blue), the K, K+1, K+2 kernel stack built on
// it, and a 1x1 kernel for the matrix-product comparison, computed through the core's conv2d.
import { conv2d, noGrad, tensor } from '../../../../core/src/index.ts';
import {
  stackChannels,
  TEXTBOOK_MULTI_IN_K,
  TEXTBOOK_MULTI_IN_X,
  type Dense64,
  type DenseArray,
} from '../../../../core/src/explain/index.ts';
import type { Grid } from '../../lib/grid.ts';

export interface ChannelInput {
  /** [C, H, W]. */
  readonly input: Dense64;
  readonly names: readonly string[];
  readonly description: string;
}

export const textbookChannels = (): ChannelInput => ({
  input: TEXTBOOK_MULTI_IN_X,
  names: ['channel 0', 'channel 1'],
  description: 'The chapter’s X: two 3×3 channels, 0 to 8 and 1 to 9.',
});

/** The lab's grid, its negative (1 − x) and a copy moved one cell right (zeros come in on the left). */
export function stackedLabChannels(grid: Grid): ChannelInput {
  const { height, width, data } = grid;
  const inverted = new Float64Array(data.length);
  const shifted = new Float64Array(data.length);
  // Layout: row-major height x width; the shifted copy reads column c - 1 of the same row.
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const i = r * width + c;
      inverted[i] = 1 - data[i];
      shifted[i] = c === 0 ? 0 : data[i - 1];
    }
  }
  const input = stackChannels([
    { shape: [height, width], data },
    { shape: [height, width], data: inverted },
    { shape: [height, width], data: shifted },
  ]);
  return {
    input,
    names: ['drawn', 'inverted', 'shifted right'],
    description: `The lab’s ${height}×${width} input, its negative (1 − x) and a copy moved one cell right.`,
  };
}

/**
 * The chapter's K, K+1, K+2 over a base kernel stack [C, kh, kw]: the chapter's own K for its X, the
 * lab's kernel repeated on every channel otherwise. Shape [3, C, kh, kw].
 */
export function kernelStack(channels: number, labKernel: Grid | null): Dense64 {
  const base: DenseArray =
    labKernel === null
      ? TEXTBOOK_MULTI_IN_K
      : {
          shape: [channels, labKernel.height, labKernel.width],
          data: Array.from({ length: channels }, () => Array.from(labKernel.data)).flat(),
        };
  const n = base.data.length;
  const data = new Float64Array(3 * n);
  for (let o = 0; o < 3; o++) for (let i = 0; i < n; i++) data[o * n + i] = base.data[i] + o;
  return { shape: [3, ...base.shape], data };
}

/** A 1x1 kernel [2, C, 1, 1]: the channels' average, and the first channel minus the second. */
export function oneByOneKernel(channels: number): Dense64 {
  const data = new Float64Array(2 * channels);
  for (let c = 0; c < channels; c++) data[c] = 1 / channels;
  data[channels] = 1;
  if (channels > 1) data[channels + 1] = -1;
  return { shape: [2, channels, 1, 1], data };
}

/** conv2d of a [C, H, W] input with a [Co, C, kh, kw] kernel through the core: [Co, oh, ow]. */
export function coreConv(input: Dense64, kernel: Dense64): Dense64 {
  const [c, h, w] = input.shape;
  const x = tensor(input.data, { shape: [1, c, h, w] });
  const k = tensor(kernel.data, { shape: kernel.shape });
  const y = noGrad(() => conv2d(x, k));
  return { shape: y.shape.slice(1), data: Float64Array.from(y.data) };
}
