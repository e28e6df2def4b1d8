// Kernel composition on the lab: the lab's kernel (with its stride and dilation) then a second kernel,
// folded into one kernel, and the proof on the lab's own input: two correlations against one.
import {
  composeKernels,
  correlate2d,
  type ComposedKernel,
  type Dense64,
} from '../../../../core/src/explain/index.ts';
import type { Grid } from '../../lib/grid.ts';
import type { LayerGeometry } from '../../../../core/src/conv/geometry.ts';
import { maxDifference } from '../shared/labViews.ts';
import { attempt, type Outcome } from '../shared/data.ts';

export interface CompositionCheck {
  readonly composed: ComposedKernel;
  readonly twoSteps: Dense64;
  readonly oneStep: Dense64;
  readonly difference: number;
  /** Set when the lab's padding had to be left out (padding cannot be composed). */
  readonly note: string | null;
}

const dense = (g: Grid) => ({ shape: [g.height, g.width], data: g.data });

export function composeOnInput(
  input: Grid,
  first: Grid,
  second: Grid,
  geometry: LayerGeometry,
): Outcome<CompositionCheck> {
  return attempt((): CompositionCheck => {
    const firstOptions = {
      stride: [geometry.stride[0], geometry.stride[1]] as [number, number],
      dilation: [geometry.dilation[0], geometry.dilation[1]] as [number, number],
    };
    const composed = composeKernels(dense(first), dense(second), firstOptions);
    const middle = correlate2d(dense(input), dense(first), firstOptions);
    const twoSteps = correlate2d(middle, dense(second));
    const oneStep = correlate2d(dense(input), composed, {
      stride: [composed.strideHeight, composed.strideWidth],
    });
    if (oneStep.data.length !== twoSteps.data.length) {
      throw new Error(
        `Kernel composition: two steps give ${twoSteps.shape.join('×')} but the one kernel gives ${oneStep.shape.join('×')}`,
      );
    }
    const padded = geometry.padding[0] !== 0 || geometry.padding[1] !== 0;
    return {
      composed,
      twoSteps,
      oneStep,
      difference: maxDifference(twoSteps.data, oneStep.data),
      note: padded
        ? 'The lab’s padding is left out here: zeros added between two layers are not the first layer’s output, so padded layers do not fold into one kernel.'
        : null,
    };
  });
}
