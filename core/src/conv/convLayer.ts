// A convolution layer's forward pass: pad by mode, flip for a true convolution, conv2d, bias. The one
// copy that nn.Conv2d, the trainer, the CLI, the lab's live feature map and the chapter's views run,
// so that they all compute the same numbers from the same geometry.
import { flip } from '../ops/layout.ts';
import type { Tensor } from '../tensor.ts';
import { conv2d } from './conv2d.ts';
import { samePadding, type PadMode, type Padding, type Pair } from './geometry.ts';
import { pad } from './pad.ts';

export interface ConvLayerOptions {
  /** Cells added on both sides (a number or `[height, width]`), or PyTorch's `'same'` / `'valid'`. */
  readonly padding: Padding;
  readonly paddingMode: PadMode;
  readonly stride: Pair;
  readonly dilation: Pair;
  readonly groups?: number;
  /** True: slide the kernel rotated by 180 degrees (a true convolution); the gradient flows through the flip. */
  readonly flip?: boolean;
}

const pairOf = (v: Pair): readonly [number, number] => (typeof v === 'number' ? [v, v] : v);

/** `[left, right, top, bottom]` as PyTorch's `_reversed_padding_repeated_twice` for a non-zeros mode. */
function explicitPadding(
  padding: Padding,
  kernel: readonly [number, number],
  dilation: readonly [number, number],
): [number, number, number, number] {
  if (padding === 'valid') return [0, 0, 0, 0];
  if (padding === 'same') {
    const [top, bottom] = samePadding(dilation[0] * (kernel[0] - 1) + 1);
    const [left, right] = samePadding(dilation[1] * (kernel[1] - 1) + 1);
    return [left, right, top, bottom];
  }
  const [ph, pw] = pairOf(padding);
  return [pw, pw, ph, ph];
}

/**
 * `input` (NCHW or CHW) through a conv layer with `weight` [out, in / groups, kh, kw] and an optional
 * bias, as torch.nn.Conv2d with `padding_mode`: zero padding is conv2d's own, other modes pad first.
 */
export function convLayer(
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null,
  options: ConvLayerOptions,
): Tensor {
  const applied = options.flip === true ? flip(weight, [2, 3]) : weight;
  const conv = { stride: options.stride, dilation: options.dilation, groups: options.groups ?? 1 };
  if (options.paddingMode === 'zeros')
    return conv2d(input, applied, bias, { ...conv, padding: options.padding });
  const kernel: [number, number] = [weight.shape[2], weight.shape[3]];
  const padded = pad(
    input,
    explicitPadding(options.padding, kernel, pairOf(options.dilation)),
    options.paddingMode,
  );
  return conv2d(padded, applied, bias, { ...conv, padding: 0 });
}
