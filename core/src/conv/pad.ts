import { fromOp } from '../autograd/graph.ts';
import { formatShape } from '../shape.ts';
import type { Tensor } from '../tensor.ts';
import { padBackward, padForward, padSourceMap } from '../kernels/pad.ts';
import { isPadMode, PAD_MODE_CHOICES, padModeProblem, type PadMode } from './geometry.ts';

/** `'constant'` is PyTorch's `F.pad` name for what `nn.Conv2d` calls `'zeros'`; both are accepted. */
export type PadModeName = PadMode | 'constant';

/**
 * Pads the last two dimensions as `torch.nn.functional.pad(input, [left, right, top, bottom], mode)`:
 * `zeros` (or `constant`, filled with `value`), `reflect` (mirror without repeating the edge),
 * `replicate` (repeat the edge) or `circular` (wrap around). Gradients flow back to the copied values.
 */
export function pad(
  input: Tensor,
  padding: readonly [number, number, number, number],
  mode: PadModeName = 'zeros',
  value = 0,
): Tensor {
  if (mode !== 'constant' && !isPadMode(mode)) {
    throw new Error(`pad: mode must be 'constant', ${PAD_MODE_CHOICES}, got ${JSON.stringify(mode)}`);
  }
  if (
    !Array.isArray(padding) ||
    padding.length !== 4 ||
    !padding.every((p) => Number.isInteger(p) && p >= 0)
  ) {
    throw new Error(
      `pad: padding must be 4 non-negative integers [left, right, top, bottom], got ${JSON.stringify(padding)}`,
    );
  }
  if (input.shape.length < 2) {
    throw new Error(
      `pad: input must have at least 2 dimensions (height, width), got shape ${formatShape(input.shape)}`,
    );
  }
  const [left, right, top, bottom] = padding;
  const height = input.shape[input.shape.length - 2];
  const width = input.shape[input.shape.length - 1];
  const kind: PadMode = mode === 'constant' ? 'zeros' : mode;
  const modeProblem =
    padModeProblem(kind, 'height', height, top, bottom) ?? padModeProblem(kind, 'width', width, left, right);
  if (modeProblem !== null) {
    throw new Error(`pad: ${modeProblem} (padding ${JSON.stringify(padding)} as [left, right, top, bottom])`);
  }
  if (kind !== 'zeros' && (height === 0 || width === 0) && left + right + top + bottom > 0) {
    throw new Error(`pad: ${kind} padding needs a non-empty input, got shape ${formatShape(input.shape)}`);
  }
  const rowSource = padSourceMap(height, top, bottom, kind);
  const colSource = padSourceMap(width, left, right, kind);
  const outShape = [...input.shape.slice(0, -2), rowSource.length, colSource.length];
  const leading = input.shape.slice(0, -2).reduce((a, b) => a * b, 1);
  const out = new Float32Array(leading * rowSource.length * colSource.length);
  padForward(input.data, out, leading, height, width, rowSource, colSource, kind === 'zeros' ? value : 0);
  return fromOp('pad', out, outShape, [input], (gradOutput) => {
    const gradInput = new Float32Array(input.data.length);
    padBackward(gradOutput, gradInput, leading, height, width, rowSource, colSource);
    return [gradInput];
  });
}
