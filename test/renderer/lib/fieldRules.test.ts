// What a number field refuses and how it says so: bounds from the core's limits table, whole numbers,
// empty and unparseable text.
import { describe, expect, it } from 'vitest';
import { describeRange, readField, refusedCharacters } from '../../../renderer/src/lib/fieldRules.ts';
import { LIMITS, overLimit } from '../../../core/src/limits.ts';

const padding = { min: 0, limit: 'padding', integer: true } as const;

describe('readField', () => {
  it('reads a value within the bounds, the limit itself included', () => {
    expect(readField('Padding', '3', false, padding)).toEqual({ ok: true, value: 3 });
    const max = LIMITS.padding.max;
    expect(readField('Padding', String(max), false, padding)).toEqual({ ok: true, value: max });
  });

  it('refuses a value over the limit with the limits table’s own one-line refusal', () => {
    const over = LIMITS.padding.max + 1;
    expect(readField('Padding', String(over), false, padding)).toEqual({
      ok: false,
      message: overLimit('padding', 'Padding', over),
    });
    expect(readField('Padding', '1000', false, padding)).toEqual({
      ok: false,
      message: `Padding is 1,000, over the limit of ${LIMITS.padding.max}`,
    });
  });

  it('refuses a value under the minimum, a fraction in a whole-number field, and zero where it must be positive', () => {
    expect(readField('Epochs', '-5', false, { min: 1, limit: 'epochs', integer: true })).toEqual({
      ok: false,
      message: 'Epochs is -5, under the minimum of 1',
    });
    expect(readField('Epochs', '0', false, { min: 1, limit: 'epochs', integer: true })).toEqual({
      ok: false,
      message: 'Epochs is 0, under the minimum of 1',
    });
    expect(readField('Padding', '0.5', false, padding)).toEqual({
      ok: false,
      message: 'Padding must be a whole number, got 0.5',
    });
    expect(readField('Learning rate', '0', false, { positive: true })).toEqual({
      ok: false,
      message: 'Learning rate must be above 0, got 0',
    });
  });

  it('refuses empty, unparseable and infinite text, saying what the field takes', () => {
    const takes = `a whole number from 0 to ${LIMITS.padding.max}`;
    expect(describeRange(padding)).toBe(takes);
    expect(readField('Padding', '', false, padding)).toEqual({
      ok: false,
      message: `Padding is empty: it takes ${takes}`,
    });
    // What Chromium reports for "1e999" or a lone "-": an empty value with validity.badInput.
    expect(readField('Padding', '', true, padding)).toEqual({
      ok: false,
      message: `Padding is not a number it can use: it takes ${takes}`,
    });
    expect(readField('Padding', 'abc', false, padding)).toEqual({
      ok: false,
      message: `Padding "abc" is not a number: it takes ${takes}`,
    });
    expect(readField('Padding', '1e999', false, padding)).toEqual({
      ok: false,
      message: `Padding 1e999 is too large: it takes ${takes}`,
    });
  });

  it('refuses values a 32-bit float cannot hold in a field without a limit', () => {
    const brush = { integer: false };
    expect(readField('Brush value', '-0.25', false, brush)).toEqual({ ok: true, value: -0.25 });
    expect(readField('Brush value', '1e39', false, brush)).toEqual({
      ok: false,
      message: "Brush value 1e39 is too large for the lab's 32-bit numbers",
    });
  });

  it('names the characters a browser refused to type', () => {
    expect(refusedCharacters('Padding', 'a', padding)).toBe(
      `Padding takes digits only ("a" is not part of a number): a whole number from 0 to ${LIMITS.padding.max}`,
    );
  });
});
