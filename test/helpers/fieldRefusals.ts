// The lab's number fields and the absurd values each must refuse, shared by the jsdom test
// (test/renderer/components/fieldLimits.test.ts) and the browser's (test/e2e/limits.spec.ts), so that
// both check the same fields. Whole-number fields refuse 0.5; the brush takes -5 and 1e9.
const WHOLE = ['1e999', '-5', '1e9', 'abc', '0.5'];

/** The fields on screen with Padding, Stride and Dilation one field each (More settings open). */
export const REFUSED: Record<string, string[]> = {
  'Brush value': ['1e999', '1e39', 'abc'],
  'Input height': WHOLE,
  'Input width': WHOLE,
  'Kernel height': WHOLE,
  'Kernel width': WHOLE,
  Padding: WHOLE,
  Stride: WHOLE,
  Dilation: WHOLE,
  'Learnable kernel height': WHOLE,
  'Learnable kernel width': WHOLE,
  Seed: ['1e999', '-5', '1e11', 'abc', '0.5'],
  'Learning rate': ['1e999', '-5', '0', 'abc'],
  Epochs: ['1e999', '-5', '0', '1e9', 'abc', '0.5'],
};

/** The fields "Height and width apart" shows instead of Padding, Stride and Dilation. */
export const REFUSED_APART: Record<string, string[]> = {
  'Padding height': WHOLE,
  'Padding width': WHOLE,
  'Stride height': WHOLE,
  'Stride width': WHOLE,
  'Dilation height': WHOLE,
  'Dilation width': WHOLE,
};
