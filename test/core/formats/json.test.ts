// stringifyCompact: the writer both files use. It must write what the regex-based version wrote
// (two-space JSON, number arrays on one line) without its stack overflow on long arrays.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringifyCompact } from '../../../core/src/formats/json.ts';

/** The previous writer, kept as the definition of the layout (it overflows beyond ~1.5M numbers). */
function regexCompact(value: unknown): string {
  const text = JSON.stringify(value, null, 2);
  return `${text.replace(/\[\s*((?:-?[\d.eE+-]+\s*,\s*)*-?[\d.eE+-]+)\s*\]/g, (_, inner: string) => `[${inner.split(/\s*,\s*/).join(', ')}]`)}\n`;
}

// Documents like the files': objects, arrays, numbers, plain strings, booleans, null.
const documentArb = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.stringMatching(/^[a-z ]{0,8}$/),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { maxLength: 6 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('stringifyCompact', () => {
  it('writes what JSON.stringify(value, null, 2) with number arrays on one line wrote, for any document', () => {
    fc.assert(
      fc.property(documentArb, (doc) => {
        expect(stringifyCompact(doc)).toBe(regexCompact(doc));
      }),
      { numRuns: 500, seed: 9 },
    );
  });

  it('an array of 2,000,000 numbers: one line, read back equal (the regex overflowed the stack)', () => {
    const values = Array.from({ length: 2_000_000 }, (_, i) => (i % 1000) / 8);
    const text = stringifyCompact({ values });
    expect(text.split('\n')).toHaveLength(4);
    const back = (JSON.parse(text) as { values: number[] }).values;
    expect(back.length === values.length && back.every((v, i) => v === values[i])).toBe(true);
  });
});
