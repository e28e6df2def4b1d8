// The lab's number fields and the absurd values each must refuse, for the component test
// (test/renderer/components/fieldLimits.test.ts) and the end-to-end one (test/e2e/limits.spec.ts) alike.

const WHOLE = ['1e999', '-5', '1e9', 'abc', '0.5'];

/** Field label → the absurd values it must refuse (fraction fields take 0.5; the brush takes -5 and 1e9). */
export const REFUSED_FIELD_VALUES: Readonly<Record<string, readonly string[]>> = {
  'Brush value': ['1e999', '1e39', 'abc'],
  'Input height': WHOLE,
  'Input width': WHOLE,
  'Kernel height': WHOLE,
  'Kernel width': WHOLE,
  Padding: WHOLE,
  'Padding height': WHOLE,
  'Padding width': WHOLE,
  Stride: WHOLE,
  'Stride height': WHOLE,
  'Stride width': WHOLE,
  Dilation: WHOLE,
  'Dilation height': WHOLE,
  'Dilation width': WHOLE,
  'Learnable kernel height': WHOLE,
  'Learnable kernel width': WHOLE,
  Seed: ['1e999', '-5', '1e11', 'abc', '0.5'],
  'Learning rate': ['1e999', '-5', '0', 'abc'],
  Epochs: ['1e999', '-5', '0', '1e9', 'abc', '0.5'],
};
