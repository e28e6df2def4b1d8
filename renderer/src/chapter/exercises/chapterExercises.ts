// The chapter's exercises as items the ExercisesPanel lists: each reads the lab's current state when
// its check runs (so it checks what the user built), and some take typed answers.
import {
  analyzeLearnability,
  checkAvgPoolAsConvolution,
  checkBlurKernel,
  checkDiagonalEdgeImage,
  checkEdgeDetector,
  checkSecondDerivativeKernel,
  checkShapeAnswer,
  layerCost,
  maxPoolShiftDemo,
  planeConvCostSpec,
  PADDING_STRIDE_EXAMPLES,
  type ExerciseResult,
  type ShapeQuestion,
} from '../../../../core/src/explain/index.ts';
import { toDense, type GridLike } from '../shared/data.ts';

export interface ExerciseItem {
  readonly id: string;
  readonly title: string;
  readonly prompt: string;
  /** Labels of numeric answers the user types; the check receives them in this order. */
  readonly answerFields?: readonly string[];
  readonly check: (answers: readonly number[]) => ExerciseResult;
}

/** What the exercises read from the lab when checked. */
export interface LabState {
  readonly input: GridLike;
  readonly kernel: GridLike;
  readonly padding: readonly [number, number];
  readonly stride: readonly [number, number];
  readonly dilation: readonly [number, number];
}

function describeQuestion(q: ShapeQuestion): string {
  const pair = (p: unknown): string => (Array.isArray(p) ? `(${p.join(', ')})` : String(p));
  return `An ${q.input[0]}x${q.input[1]} input, a ${q.kernel[0]}x${q.kernel[1]} kernel, padding ${pair(q.padding)}, stride ${pair(q.stride)}: what is the output shape?`;
}

/** The chapter's exercises, reading the lab through `lab()` at check time. */
export function chapterExercises(
  lab: () => LabState,
  poolWindow: readonly [number, number] = [2, 2],
): ExerciseItem[] {
  return [
    {
      id: 'diagonal-edges',
      title: 'Diagonal edges',
      prompt:
        'Draw an input with diagonal edges. What do K = [1, −1], its transpose, and K on the transposed input do?',
      check: () => checkDiagonalEdgeImage(toDense(lab().input)),
    },
    {
      id: 'edge-detector',
      title: 'An edge detector for a direction',
      prompt:
        'Design a kernel that detects edges whose brightness changes along a direction you choose (0° = left to right, counter-clockwise).',
      answerFields: ['Direction (degrees)'],
      check: ([angle]) => checkEdgeDetector(toDense(lab().kernel), angle ?? 0),
    },
    {
      id: 'second-derivative',
      title: 'A second derivative',
      prompt:
        'Design a kernel that computes a second derivative along rows or columns. What is the smallest size it can have?',
      check: () => {
        const { kernel } = lab();
        const horizontal = checkSecondDerivativeKernel(toDense(kernel), 'horizontal');
        if (horizontal.passed) return horizontal;
        const vertical = checkSecondDerivativeKernel(toDense(kernel), 'vertical');
        // Neither passed: explain along the kernel's longer side, the direction the user most likely meant.
        return vertical.passed || kernel.height > kernel.width ? vertical : horizontal;
      },
    },
    {
      id: 'blur',
      title: 'A blur',
      prompt: 'Design a kernel that blurs the input.',
      check: () => checkBlurKernel(toDense(lab().kernel)),
    },
    ...PADDING_STRIDE_EXAMPLES.map((question, i): ExerciseItem => ({
      id: `shape-${i + 1}`,
      title: `Padding and stride, example ${i + 1}`,
      prompt: describeQuestion(question),
      answerFields: ['Height', 'Width'],
      check: ([h, w]) =>
        Number.isInteger(h) && Number.isInteger(w)
          ? checkShapeAnswer(question, [h, w])
          : { passed: false, message: 'Type the output height and width as whole numbers.' },
    })),
    {
      id: 'avg-pool-as-conv',
      title: 'Average pooling is a convolution',
      prompt: `Set a kernel and stride so that the convolution computes ${poolWindow[0]}x${poolWindow[1]} average pooling of the input.`,
      check: () => {
        const s = lab();
        return checkAvgPoolAsConvolution(toDense(s.input), poolWindow, toDense(s.kernel), s.stride);
      },
    },
    {
      id: 'layer-cost',
      title: 'The cost of a layer',
      prompt:
        'How many multiply-adds does the forward pass of the current convolution take (one channel in and out)?',
      answerFields: ['Multiply-adds'],
      check: ([answer]) => {
        const s = lab();
        // The Cost tab's own spec, so that the exercise and the tab count the same layer.
        const cost = layerCost(planeConvCostSpec(s.input, s.kernel, s));
        if (answer === undefined || !Number.isFinite(answer)) {
          return { passed: false, message: 'Type the number of multiply-adds as a whole number.' };
        }
        const [, , oh, ow] = cost.outputShape;
        const working = `${oh}×${ow} outputs × ${s.kernel.height}×${s.kernel.width} weights = ${cost.forward.multiplyAdds}`;
        return answer === cost.forward.multiplyAdds
          ? { passed: true, message: `Right: ${working}. Backward costs twice that (${cost.summary}).` }
          : { passed: false, message: `Not ${answer}: ${working}.` };
      },
    },
    {
      id: 'pooling-shift',
      title: 'Max pooling tolerates a shift',
      prompt:
        'With the current input and kernel, does 2x2 max pooling keep the edge response when the input moves by one pixel?',
      check: () => {
        const s = lab();
        const demo = maxPoolShiftDemo(toDense(s.input), toDense(s.kernel));
        return { passed: demo.passed, message: demo.message };
      },
    },
    {
      id: 'unlearnable',
      title: 'A kernel that cannot be learned',
      prompt:
        'Find an input from which the current kernel size cannot be learned (try the transposed stripes with a 1x2 kernel), and say why.',
      check: () => {
        const s = lab();
        const result = analyzeLearnability(toDense(s.input), s.kernel.height, s.kernel.width, {
          padding: s.padding,
          stride: s.stride,
        });
        return { passed: !result.learnable, message: result.reason };
      },
    },
  ];
}
