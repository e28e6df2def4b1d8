import type { Padding, Pair } from '../../conv/geometry.ts';
import { windowGeometry } from '../geometry.ts';
import type { ExerciseResult } from './result.ts';

/** A question of the padding-and-stride section: which output shape does this layer give? */
export interface ShapeQuestion {
  readonly input: readonly [number, number];
  readonly kernel: readonly [number, number];
  readonly padding: Padding;
  readonly stride: Pair;
}

/** The four 8x8 examples of d2l's "Padding and Stride" section (the book states the answers 8x8, 8x8, 4x4, 2x2). */
export const PADDING_STRIDE_EXAMPLES: readonly ShapeQuestion[] = [
  { input: [8, 8], kernel: [3, 3], padding: 1, stride: 1 },
  { input: [8, 8], kernel: [5, 3], padding: [2, 1], stride: 1 },
  { input: [8, 8], kernel: [3, 3], padding: 1, stride: 2 },
  { input: [8, 8], kernel: [3, 5], padding: [0, 1], stride: [3, 4] },
];

const questionGeometry = (fn: string, q: ShapeQuestion) =>
  windowGeometry(fn, q.input[0], q.input[1], q.kernel[0], q.kernel[1], {
    padding: q.padding,
    stride: q.stride,
  });

/** The output shape of a question, by ⌊(n + 2p - k) / s⌋ + 1 per axis. */
export function questionOutputShape(question: ShapeQuestion): [number, number] {
  const g = questionGeometry('questionOutputShape', question);
  return [g.outHeight, g.outWidth];
}

/** Checks the user's `answer` ([height, width]) and shows the arithmetic either way. */
export function checkShapeAnswer(question: ShapeQuestion, answer: readonly [number, number]): ExerciseResult {
  if (!Array.isArray(answer) || answer.length !== 2 || !answer.every((v) => Number.isInteger(v))) {
    throw new Error(
      `checkShapeAnswer: the answer must be two integers [height, width], got ${JSON.stringify(answer)}`,
    );
  }
  const g = questionGeometry('checkShapeAnswer', question);
  const axis = (n: number, p: number, k: number, s: number, out: number): string =>
    `⌊(${n} + ${p} - ${k}) / ${s}⌋ + 1 = ${out}`;
  const working =
    `height ${axis(g.inHeight, g.padTop + g.padBottom, g.kernelHeight, g.strideHeight, g.outHeight)}, ` +
    `width ${axis(g.inWidth, g.padLeft + g.padRight, g.kernelWidth, g.strideWidth, g.outWidth)}`;
  const passed = answer[0] === g.outHeight && answer[1] === g.outWidth;
  return {
    passed,
    message: passed
      ? `Right: ${g.outHeight}x${g.outWidth} (${working}).`
      : `Not ${answer[0]}x${answer[1]}: the output is ${g.outHeight}x${g.outWidth} (${working}).`,
  };
}
